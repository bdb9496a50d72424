import { Suspense } from "react";
import { ApprovalsInbox } from "@/components/approvals/approvals-inbox";

export const metadata = { title: "Approvals" };

export default function Page() {
  return (
    <Suspense>
      <ApprovalsInbox />
    </Suspense>
  );
}
