import { SectionEmpty } from "@/components/shell/coming-next";

export const metadata = { title: "Runs" };

export default function Page() {
  return <SectionEmpty title="Runs" description="Every execution of a graph, durable and resumable." empty="No runs yet" next="Runs appear here when a graph is started from the API or a trigger." />;
}
