import { GraphBuilderPage } from "@/components/builder/builder-page-client";

export const metadata = { title: "Graph builder" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <GraphBuilderPage graphId={id} />;
}
