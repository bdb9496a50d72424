import { SectionEmpty } from "@/components/shell/coming-next";

export const metadata = { title: "Approvals" };

export default function Page() {
  return <SectionEmpty title="Approvals" description="Everything waiting on a person: approval steps, budget pauses and escalations." empty="Nothing waiting for you" next="When a run reaches an approval step or a budget pause, it waits here for a decision." />;
}
