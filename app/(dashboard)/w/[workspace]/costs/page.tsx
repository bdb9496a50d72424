import { SectionEmpty } from "@/components/shell/coming-next";

export const metadata = { title: "Costs" };

export default function Page() {
  return <SectionEmpty title="Costs" description="Spend by agent, model, graph, tag and customer, with budgets that stop spending." empty="No spend recorded yet" next="Every model and tool call of a run is written to the cost ledger and shows up here." />;
}
