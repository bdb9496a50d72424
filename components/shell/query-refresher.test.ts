import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { QueryRefresher } from "./query-refresher";

/** A query shown on screen (an observer) whose read takes 40 ms and returns what `source` said when it began. */
function watched(qc: QueryClient, source: { value: string; reads: number }) {
  const observer = new QueryObserver(qc, {
    queryKey: ["run"],
    queryFn: async () => {
      const seen = source.value;
      source.reads++;
      await new Promise((r) => setTimeout(r, 40));
      return seen;
    },
  });
  return observer.subscribe(() => {});
}

const idle = async (qc: QueryClient) => {
  while (qc.isFetching() > 0) await new Promise((r) => setTimeout(r, 5));
};

describe("re-reading a query when a change is announced", () => {
  it("reads again after a first read that began before the change (invalidating alone would keep the stale answer)", async () => {
    // the premise: TanStack Query hands back a first read in flight instead of starting a new one
    const bare = new QueryClient();
    const bareSource = { value: "running", reads: 0 };
    const stopBare = watched(bare, bareSource);
    await new Promise((r) => setTimeout(r, 10));
    bareSource.value = "succeeded";
    await bare.invalidateQueries({ queryKey: ["run"] });
    await idle(bare);
    expect(bare.getQueryData(["run"])).toBe("running");
    stopBare();

    const qc = new QueryClient();
    const source = { value: "running", reads: 0 };
    const stop = watched(qc, source);
    await new Promise((r) => setTimeout(r, 10));
    source.value = "succeeded";
    await new QueryRefresher(qc).refresh(["run"]);
    await idle(qc);
    expect(qc.getQueryData(["run"])).toBe("succeeded");
    expect(source.reads).toBe(2);
    stop();
  });

  it("turns a burst of changes during a read into one more read, never two at once", async () => {
    const qc = new QueryClient();
    const source = { value: "v0", reads: 0 };
    const stop = watched(qc, source);
    await idle(qc);
    const refresher = new QueryRefresher(qc);
    const first = refresher.refresh(["run"]);
    for (let i = 1; i <= 20; i++) {
      source.value = `v${i}`;
      void refresher.refresh(["run"]);
      await new Promise((r) => setTimeout(r, 2));
    }
    await first;
    await idle(qc);
    expect(qc.getQueryData(["run"])).toBe("v20");
    // the first read, the one announced, and at most a couple more for changes during them
    expect(source.reads).toBeLessThanOrEqual(4);
    stop();
  });
});
