import type { QueryClient, QueryKey } from "@tanstack/react-query";

/** How long a refresh waits for a read already under way before it reads again anyway. */
const MAX_WAIT_MS = 10_000;

/**
 * Re-reads queries when something says their data changed: one read of a key at a time, and one
 * more if asked again meanwhile. A read already under way when the change is announced may have
 * read before the change (TanStack Query does not restart a query's first read when it is
 * invalidated, it hands back the one in flight), so the refresh waits for it to end and then
 * reads again.
 */
export class QueryRefresher {
  private running = new Set<string>();
  private again = new Set<string>();
  constructor(private qc: QueryClient) {}

  refresh(key: QueryKey): Promise<void> {
    const k = JSON.stringify(key);
    if (this.running.has(k)) {
      this.again.add(k);
      return Promise.resolve();
    }
    this.running.add(k);
    return (async () => {
      try {
        do {
          this.again.delete(k);
          const until = Date.now() + MAX_WAIT_MS;
          while (this.qc.isFetching({ queryKey: key }) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
          await this.qc.invalidateQueries({ queryKey: key }).catch(() => {});
        } while (this.again.has(k));
      } finally {
        this.running.delete(k);
      }
    })();
  }
}
