import { Suspense } from "react";
import { CostsPage } from "@/components/costs/costs-page";

export const metadata = { title: "Costs" };

export default function Page() {
  return (
    <Suspense>
      <CostsPage />
    </Suspense>
  );
}
