/**
 * A dedicated LISTEN connection: queue notifications wake the worker, sync notifications
 * refresh the function registry. Reconnects with backoff after PostgreSQL restarts and
 * wakes the worker on reconnect (notifications sent while disconnected are lost).
 */
import pg from "pg";
import { NOTIFY_QUEUE, NOTIFY_SYNC } from "./consts";
import type { Logger } from "./log";

export class Listener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 100;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly onQueue: () => void,
    private readonly onSync: () => void,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on("error", (err) => {
      this.log("warn", "notification connection lost; reconnecting", { error: err.message });
      this.reconnect(client);
    });
    client.on("end", () => this.reconnect(client));
    client.on("notification", (n) => {
      if (n.channel === NOTIFY_QUEUE) this.onQueue();
      else if (n.channel === NOTIFY_SYNC) this.onSync();
    });
    try {
      await client.connect();
      await client.query(`listen ${NOTIFY_QUEUE}`);
      await client.query(`listen ${NOTIFY_SYNC}`);
      this.client = client;
      this.retryMs = 100;
      this.onSync();
      this.onQueue();
    } catch (err) {
      this.log("warn", "cannot listen for notifications yet; retrying", { error: (err as Error).message, retry_ms: this.retryMs });
      this.reconnect(client);
    }
  }

  private reconnect(client: pg.Client): void {
    if (this.stopped || (this.client !== client && this.client !== null) || this.timer) return;
    this.client = null;
    client.removeAllListeners("end");
    client.end().catch(() => {});
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(5000, this.retryMs * 2);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => {});
  }
}
