import { RunViewSkeleton } from "@/components/runs/run-view";

export default function Loading() {
  return <RunViewSkeleton />;
}
