import { EmptyState, PageHeader } from "@/components/ui/card";

/** The empty state of a section whose data does not exist yet in this workspace. */
export function SectionEmpty({ title, description, empty, next }: { title: string; description: string; empty: string; next: React.ReactNode }) {
  return (
    <div className="max-w-5xl">
      <PageHeader title={title} description={description} />
      <EmptyState title={empty}>{next}</EmptyState>
    </div>
  );
}
