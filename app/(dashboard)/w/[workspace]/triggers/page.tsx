import { SectionEmpty } from "@/components/shell/coming-next";

export const metadata = { title: "Triggers" };

export default function Page() {
  return <SectionEmpty title="Triggers" description="Schedules, webhooks, inbound e-mail and events that start runs." empty="No triggers yet" next="Triggers start graphs on a schedule, on a webhook or when another graph finishes." />;
}
