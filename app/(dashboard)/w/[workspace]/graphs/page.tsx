import { SectionEmpty } from "@/components/shell/coming-next";

export const metadata = { title: "Graphs" };

export default function Page() {
  return <SectionEmpty title="Graphs" description="Agent graphs: versioned specs of agents, tools, routers and approvals." empty="No graphs yet" next="Create a graph with the REST API (`POST /api/v1/graphs`) using an API key from Settings." />;
}
