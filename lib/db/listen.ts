import "server-only";
import pg from "pg";
import { databaseUrl } from "../env";

const RECONNECT_MS = 1_000;

export interface ListenHandlers {
  /** a notification on the channel (payload as sent, "" when none) */
  onNotification: (payload: string) => void;
  /** LISTEN is in place: from now on every notification arrives (anything before may have been missed) */
  onListening: () => void;
  /** the connection is gone: notifications are being missed until the next {@link ListenHandlers.onListening} */
  onLost: () => void;
  /** what to call the listener in a warning */
  name: string;
}

/**
 * Holds one PostgreSQL connection that LISTENs on `channel`, made again a second after it is
 * lost, for as long as the process lives (or until `close`). Notifications are delivered after
 * their transaction commits, in commit order. Between `onLost` and the next `onListening`
 * notifications are missed, so users drop or re-read whatever those would have told them.
 */
export function listenForever(channel: string, h: ListenHandlers): { close: () => Promise<void> } {
  let current: pg.Client | null = null;
  let closed = false;

  const connect = async () => {
    if (closed) return;
    const client = new pg.Client({ connectionString: databaseUrl() });
    const lost = () => {
      if (current !== client) return;
      current = null;
      h.onLost();
      client.end().catch(() => {});
      if (!closed) setTimeout(() => void connect(), RECONNECT_MS).unref();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (n) => {
      if (n.channel === channel) h.onNotification(n.payload ?? "");
    });
    current = client;
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (current === client) h.onListening();
    } catch (err) {
      console.warn(JSON.stringify({ level: "warn", msg: `${h.name} cannot listen for changes yet`, error: (err as Error).message }));
      lost();
    }
  };
  void connect();

  return {
    close: async () => {
      closed = true;
      const client = current;
      current = null;
      await client?.end().catch(() => {});
    },
  };
}
