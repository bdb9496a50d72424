import "server-only";
import { randomBytes } from "node:crypto";
import { LIVE_HEARTBEAT_MS, type LiveChange } from "./events";
import { readChangesForever } from "./feed";

/** How many recent changes are kept for streams that reconnect with `Last-Event-ID`. */
const RING_SIZE = 8_192;
/** How long changes are still read after the last stream closed, so a reload or a reconnect can resume. */
const LINGER_MS = 60_000;

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
 * The process's side of live updates: one reader of the changes the database records
 * (lib/live/feed.ts), while anyone watches and a minute after, whose changes go to the
 * subscribers of the changed workspace only. A subscriber names its
 * workspace when it subscribes and receives nothing else: the workspace comes from the
 * caller's authenticated context (app/api/v1/live/route.ts), never from the request.
 *
 * Event ids are `<epoch>-<seq>`. The last {@link RING_SIZE} changes are kept, so a stream that
 * reconnects with the id of the last event it saw gets exactly what it missed. When that is not
 * possible (another process's id, one older than the ring, or the reader stopped and changes
 * went unseen, which starts a new epoch), it gets `reset` instead.
 */
class LiveHub {
  private epoch = randomBytes(4).toString("hex");
  private seq = 0;
  private ring: Recorded[] = [];
  private subscribers = new Map<string, Set<LiveSubscriber>>();
  private feed: { wake: () => void; close: () => Promise<void> } | null = null;
  private lastLeft = 0;
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

  /** Whether changes are arriving now (a stream opened meanwhile is told to reset once they do). */
  get active(): boolean {
    return this.listening;
  }

  subscribe(workspaceId: string, sub: LiveSubscriber): () => void {
    this.start();
    let set = this.subscribers.get(workspaceId);
    if (!set) this.subscribers.set(workspaceId, (set = new Set()));
    set.add(sub);
    this.feed?.wake();
    return () => {
      if (set.delete(sub)) this.lastLeft = Date.now();
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

  /** Delivers changes read from the database. */
  private deliver(changes: Array<{ workspaceId: string; change: LiveChange }>) {
    for (const { workspaceId, change } of changes) {
      const seq = ++this.seq;
      this.ring.push({ seq, workspaceId, change });
      const subs = this.subscribers.get(workspaceId);
      if (!subs) continue;
      const id = `${this.epoch}-${seq}`;
      for (const s of subs) s.change(id, change);
    }
    if (this.ring.length > RING_SIZE) this.ring.splice(0, this.ring.length - RING_SIZE);
  }

  private start() {
    if (this.feed) return;
    this.feed = readChangesForever({
      // a workspace's set is removed with its last stream
      active: () => this.subscribers.size > 0 || Date.now() - this.lastLeft < LINGER_MS,
      onChanges: (changes) => this.deliver(changes),
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

  /** Changes may have gone unseen: ids from before are no longer resumable; while reading, every stream re-reads. */
  private newEpoch() {
    this.epoch = randomBytes(4).toString("hex");
    this.ring = [];
    if (!this.listening) return;
    const id = this.lastId;
    for (const set of this.subscribers.values()) for (const s of set) s.reset(id);
  }

  /** Stops reading (tests, shutdown). */
  async stop() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const f = this.feed;
    this.feed = null;
    this.listening = false;
    await f?.close();
  }
}

const globalForHub = globalThis as unknown as { __switchyardLiveHub?: LiveHub };

/** The process's live hub (see {@link LiveHub}). */
export function liveHub(): LiveHub {
  globalForHub.__switchyardLiveHub ??= new LiveHub();
  return globalForHub.__switchyardLiveHub;
}
