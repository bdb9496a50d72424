import { GraphsPageClient } from "@/components/builder/graphs-page-client";

export const metadata = { title: "Graphs" };

export default function Page() {
  return <GraphsPageClient />;
}
