import { Suspense } from "react";
import { ScheduleDetail } from "@/components/schedules/schedule-detail";

export const metadata = { title: "Schedule" };

export default async function Page({ params }: { params: Promise<{ triggerId: string }> }) {
  const { triggerId } = await params;
  return (
    <Suspense>
      <ScheduleDetail triggerId={triggerId} />
    </Suspense>
  );
}
