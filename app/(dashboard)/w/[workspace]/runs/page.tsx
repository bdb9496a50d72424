import { Suspense } from "react";
import { RunsList } from "@/components/runs/runs-list";

export const metadata = { title: "Runs" };

export default function Page() {
  return (
    <Suspense>
      <RunsList />
    </Suspense>
  );
}
