import { NewGraphPage } from "@/components/builder/builder-page-client";

export const metadata = { title: "New graph" };

export default async function Page({ searchParams }: { searchParams: Promise<{ template?: string | string[] }> }) {
  const { template } = await searchParams;
  return <NewGraphPage template={typeof template === "string" ? template : undefined} />;
}
