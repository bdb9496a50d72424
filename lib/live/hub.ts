import "server-only";
import { randomBytes } from "node:crypto";
import { listenForever } from "../db/listen";
import { LIVE_HEARTBEAT_MS, LIVE_KINDS, type LiveChange, type LiveKind } from "./events";

/** The channel the database notifies when a run, node run, delegation or inbox item changes (migration 20261203230000). */
export const LIVE_CHANNEL = "switchyard_live";

/** How many recent changes are kept for streams that reconnect with `Last-Event-ID`. */
const RING_SIZE = 8_192;

export interface LiveSubscriber {
  /** a change in the subscriber's workspace, with its event id */
  change: (id: string, change: LiveChange) => void;
  /** changes may have been missed: read everything again (from now on every change arrives) */
  reset: (id: string) => void;
  /** changes are being missed (the database connection is being made again): poll until the next reset */
  paused: () => void;
  /** nothing happened for a while: say so, so the connection stays open (and a dead one is found) */
  heartbeat: () => void;
}

interface Recorded {
  seq: number;
  workspaceId: string;
  change: LiveChange;
}

/**
 * The process's side of live updates: one LISTEN connection on {@link LIVE_CHANNEL}, whose
 * notifications go to the subscribers of the notified workspace only. A subscriber names its
 * workspace when it subscribes and receives nothing else: the workspace comes from the
 * caller's authenticated context (app/api/v1/live/route.ts), never from the request.
 *
 * Event ids are `<epoch>-<seq>`. The last {@link RING_SIZE} changes are kept, so a stream that
 * reconnects with the id of the last event it saw gets exactly what it missed. When that is not
 * possible (another process's id, one older than the ring, or the LISTEN connection was lost
 * and notifications went unseen, which starts a new epoch), it gets `reset` instead.
 */
class LiveHub {
  private epoch = randomBytes(4).toString("hex");
  private seq = 0;
  private ring: Recorded[] = [];
  private subscribers = new Map<string, Set<LiveSubscriber>>();
  private listener: { close: () => Promise<void> } | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private listening = false;

  /** The id of the latest event (what a new stream starts from). */
  get lastId(): string {
    return `${this.epoch}-${this.seq}`;
  }

  get streams(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  /** Whether notifications are arriving now (a stream opened meanwhile is told to reset once they do). */
  get active(): boolean {
    return this.listening;
  }

  subscribe(workspaceId: string, sub: LiveSubscriber): () => void {
    this.start();
    let set = this.subscribers.get(workspaceId);
    if (!set) this.subscribers.set(workspaceId, (set = new Set()));
    set.add(sub);
    return () => {
      set.delete(sub);
      if (set.size === 0 && this.subscribers.get(workspaceId) === set) this.subscribers.delete(workspaceId);
    };
  }

  /**
   * What a stream of `workspaceId` missed since event `lastId`, oldest first; null when that
   * cannot be told (then the stream must reset).
   */
  since(workspaceId: string, lastId: string): Array<{ id: string; change: LiveChange }> | null {
    const m = /^([0-9a-f]{8})-(\d{1,15})$/.exec(lastId);
    if (!m || m[1] !== this.epoch || !this.listening) return null;
    const after = Number(m[2]);
    if (after > this.seq) return null;
    // events after `after` were dropped from the ring
    if (after + 1 < (this.ring[0]?.seq ?? this.seq + 1)) return null;
    return this.ring.filter((r) => r.seq > after && r.workspaceId === workspaceId).map((r) => ({ id: `${this.epoch}-${r.seq}`, change: r.change }));
  }

  /** Delivers one notification (its payload as the trigger writes it). Exposed for the listener only. */
  private deliver(payload: string) {
    let parsed: { w?: unknown; k?: unknown; r?: unknown; s?: unknown };
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof parsed.w !== "string" || !LIVE_KINDS.includes(parsed.k as LiveKind)) return;
    const change: LiveChange = { kind: parsed.k as LiveKind, runId: typeof parsed.r === "string" ? parsed.r : null, status: typeof parsed.s === "string" ? parsed.s : null };
    const seq = ++this.seq;
    this.ring.push({ seq, workspaceId: parsed.w, change });
    if (this.ring.length > RING_SIZE) this.ring.splice(0, this.ring.length - RING_SIZE);
    const subs = this.subscribers.get(parsed.w);
    if (!subs) return;
    const id = `${this.epoch}-${seq}`;
    for (const s of subs) s.change(id, change);
  }

  private start() {
    if (this.listener) return;
    this.listener = listenForever(LIVE_CHANNEL, {
      name: "live updates (screens fall back to polling meanwhile)",
      onNotification: (payload) => this.deliver(payload),
      onListening: () => {
        this.listening = true;
        this.newEpoch();
      },
      onLost: () => {
        this.listening = false;
        this.newEpoch();
        for (const set of this.subscribers.values()) for (const s of set) s.paused();
      },
    });
    this.heartbeat = setInterval(() => {
      for (const set of this.subscribers.values()) for (const s of set) s.heartbeat();
    }, LIVE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Notifications may have gone unseen: ids from before are no longer resumable; while listening, every stream re-reads. */
  private newEpoch() {
    this.epoch = randomBytes(4).toString("hex");
    this.ring = [];
    if (!this.listening) return;
    const id = this.lastId;
    for (const set of this.subscribers.values()) for (const s of set) s.reset(id);
  }

  /** Stops listening (tests, shutdown). */
  async stop() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const l = this.listener;
    this.listener = null;
    this.listening = false;
    await l?.close();
  }
}

const globalForHub = globalThis as unknown as { __switchyardLiveHub?: LiveHub };

/** The process's live hub (see {@link LiveHub}). */
export function liveHub(): LiveHub {
  globalForHub.__switchyardLiveHub ??= new LiveHub();
  return globalForHub.__switchyardLiveHub;
}
