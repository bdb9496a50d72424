import "server-only";
import { listenForever } from "../../db/listen";

/** The channel the database notifies when a key, credential, price, budget or workspace changes (migration 20261203193000). */
export const CONFIG_CHANNEL = "switchyard_config";

/** The longest an entry is kept even without a notification (a safety net, not the mechanism). */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

type Entry = { value: unknown; workspaceId: string; at: number };

/**
 * What gateway calls read, kept in memory for as long as the database says nothing changed.
 * Correctness rests on one rule: entries are used only while this process holds a LISTEN
 * connection on {@link CONFIG_CHANNEL}. Triggers notify it (after commit) with the workspace
 * whose key, credential, price or budget changed, and its entries are dropped; a notification
 * that arrives while an entry is being loaded keeps that load from being stored. Without the
 * connection (not yet up, lost) every call reads the database, and the cache is emptied
 * whenever the connection is (re)made, since notifications may have been missed. So a revoked
 * key, a new budget or a changed price applies to calls that start once the notification is
 * in, milliseconds after the change commits.
 *
 * Off until {@link enable} is called: only the web process, which serves the gateway, turns it on.
 */
class ConfigCache {
  private entries = new Map<string, Entry>();
  private listening = false;
  private enabled = false;
  private generation = 0;

  enable() {
    if (this.enabled) return;
    this.enabled = true;
    this.connect();
  }

  /** Whether entries are used now (enabled and listening). */
  get active() {
    return this.enabled && this.listening;
  }

  async get<T>(key: string, load: () => Promise<{ value: T; workspaceId: string } | null>): Promise<T | null> {
    if (!this.active) return (await load())?.value ?? null;
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.value as T;
    const generation = this.generation;
    const loaded = await load();
    // unknown keys are not kept: nothing to invalidate them by
    if (loaded && this.active && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value: loaded.value, workspaceId: loaded.workspaceId, at: Date.now() });
    }
    return loaded?.value ?? null;
  }

  /** Drops a workspace's entries, or all of them for `*`. */
  invalidate(workspaceId: string) {
    this.generation++;
    if (workspaceId === "*") {
      this.entries.clear();
      return;
    }
    for (const [key, e] of this.entries) if (e.workspaceId === workspaceId) this.entries.delete(key);
  }

  private connect() {
    listenForever(CONFIG_CHANNEL, {
      name: "gateway cache (reading every call meanwhile)",
      onNotification: (payload) => this.invalidate(payload || "*"),
      onListening: () => {
        // whatever was read before now may have changed unseen
        this.invalidate("*");
        this.listening = true;
      },
      onLost: () => {
        this.listening = false;
        this.invalidate("*");
      },
    });
  }
}

const globalForCache = globalThis as unknown as { __switchyardGatewayCache?: ConfigCache };

/**
 * The process's gateway cache (see {@link ConfigCache}).
 *
 * @example
 * gatewayConfigCache().enable(); // in the web process, at start
 */
export function gatewayConfigCache(): ConfigCache {
  globalForCache.__switchyardGatewayCache ??= new ConfigCache();
  return globalForCache.__switchyardGatewayCache;
}
