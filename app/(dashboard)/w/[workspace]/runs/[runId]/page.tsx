import { RunView } from "@/components/runs/run-view";

export const metadata = { title: "Run" };

export default async function Page({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return <RunView runId={runId} />;
}
