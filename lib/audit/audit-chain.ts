import "server-only";
import { getPrisma } from "../db/client";
import { insertRowsSql, type ColumnTypes } from "../db/insert-rows";
import { newId } from "../ids";
import { asStoredJson, hashJson } from "../provenance/hash";

/**
 * The audit log as hash chains: one per workspace, one (`global`) for events without a
 * workspace. Each event holds its position (`seq`), its predecessor's hash and its own hash
 * (of its canonical JSON and that predecessor's hash); `AuditChainHead` keeps each chain's last
 * seq and hash, so an event edited, removed or appended behind the product's back is found by
 * `verifyAuditChain`. Appends to one chain take turns under its advisory lock.
 */

export const GLOBAL_AUDIT_CHAIN = "global";

/** One event as it is stored (and hashed). */
export interface AuditRow {
  id: string;
  workspaceId: string | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
}

/** The hash of an event at a place in its chain. */
export function auditEventHash(e: AuditRow & { seq: number; prevHash: string | null }): string {
  return hashJson({
    prevHash: e.prevHash,
    seq: e.seq,
    id: e.id,
    workspaceId: e.workspaceId,
    actorUserId: e.actorUserId,
    actorApiKeyId: e.actorApiKeyId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    data: e.data ?? null,
    ip: e.ip,
    userAgent: e.userAgent,
    createdAt: e.createdAt.toISOString(),
  });
}

export type NewAuditRow = Omit<AuditRow, "id" | "createdAt">;

/** Events waiting for their chain's next commit, and who waits for them. */
interface PendingBatch {
  /** each caller's events with its promise */
  entries: { events: NewAuditRow[]; resolve(): void; reject(err: unknown): void }[];
}

/** Per chain in this process: the batch being written, and the next one filling up behind it. */
const chains = new Map<string, { writing: boolean; next: PendingBatch | null }>();

/**
 * Appends events to their chains. Appends to one chain take turns under its advisory lock
 * (across processes), so within a process they are group-committed: while one transaction
 * writes, the events that arrive meanwhile gather into the next, which writes them all at once.
 * Under a burst (32 runs starting together) that is a handful of transactions, not 32 in a
 * queue behind one lock. Resolves when this call's events are committed.
 */
export async function appendAuditEvents(rows: NewAuditRow[]): Promise<void> {
  const byChain = new Map<string, NewAuditRow[]>();
  for (const r of rows) {
    const chain = r.workspaceId ?? GLOBAL_AUDIT_CHAIN;
    byChain.set(chain, [...(byChain.get(chain) ?? []), r]);
  }
  await Promise.all([...byChain].map(([chain, events]) => enqueue(chain, events)));
}

function enqueue(chain: string, events: NewAuditRow[]): Promise<void> {
  let state = chains.get(chain);
  if (!state) {
    state = { writing: false, next: null };
    chains.set(chain, state);
  }
  const batch = (state.next ??= { entries: [] });
  const done = new Promise<void>((resolve, reject) => batch.entries.push({ events, resolve, reject }));
  if (!state.writing) void drain(chain, state);
  return done;
}

/** Writes the chain's pending batches one after the other until none is left. */
async function drain(chain: string, state: { writing: boolean; next: PendingBatch | null }): Promise<void> {
  state.writing = true;
  try {
    while (state.next) {
      const batch = state.next;
      state.next = null;
      try {
        await commitBatch(
          chain,
          batch.entries.flatMap((e) => e.events),
        );
        for (const e of batch.entries) e.resolve();
      } catch (err) {
        if (batch.entries.length === 1) batch.entries[0]!.reject(err);
        // one caller's bad event must not fail the others': write each caller's on its own
        else for (const e of batch.entries) await commitBatch(chain, e.events).then(e.resolve, e.reject);
      }
    }
  } finally {
    state.writing = false;
    if (!state.next) chains.delete(chain);
  }
}

const AUDIT_COLUMNS: ColumnTypes = {
  id: "text",
  workspaceId: "text",
  actorUserId: "text",
  actorApiKeyId: "text",
  action: "text",
  targetType: "text",
  targetId: "text",
  data: "jsonb",
  ip: "text",
  userAgent: "text",
  createdAt: "timestamp(3)",
  seq: "integer",
  prevHash: "text",
  hash: "text",
};

/** One transaction under the chain's advisory lock: read the head, insert the events linked one after the other, move the head. */
async function commitBatch(chain: string, events: NewAuditRow[]): Promise<void> {
  const db = getPrisma();
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`audit:${chain}`}, 0))`;
      const [head] = await tx.$queryRaw<{ seq: number; hash: string }[]>`select "seq", "hash" from "AuditChainHead" where "chain" = ${chain}`;
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? null;
      const data = events.map((e) => {
        const row = { ...e, id: newId("audit"), data: e.data == null ? null : asStoredJson(e.data), createdAt: new Date() };
        seq += 1;
        const linked = { ...row, seq, prevHash, hash: auditEventHash({ ...row, seq, prevHash }) };
        prevHash = linked.hash;
        return linked;
      });
      // one statement for the whole group (createMany costs several times the CPU per row)
      await tx.$executeRaw(insertRowsSql("AuditEvent", AUDIT_COLUMNS, data));
      await tx.$executeRaw`
        insert into "AuditChainHead" ("chain", "seq", "hash") values (${chain}, ${seq}, ${prevHash})
        on conflict ("chain") do update set "seq" = excluded."seq", "hash" = excluded."hash"`;
    },
    // other processes' appends to this chain wait on the advisory lock, inside the transaction
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/** Where an audit chain breaks, and why. */
export interface AuditBreak {
  seq: number;
  id: string | null;
  action: string | null;
  reason: string;
}

export interface AuditVerification {
  ok: boolean;
  chain: string;
  /** events in the chain */
  events: number;
  /** events recorded before the chain existed (not verifiable) */
  unchained: number;
  head: string | null;
  headSeq: number;
  firstBroken?: AuditBreak;
}

const PAGE = 1000;

/**
 * Verifies one audit chain (a workspace id, or `global`): recomputes each event's hash from its
 * contents and its predecessor's, checks there is no gap, and that the head names the last event.
 * Stops at the first break, which it names (seq, event id, action, reason).
 */
export async function verifyAuditChain(chain: string): Promise<AuditVerification> {
  const db = getPrisma();
  const workspaceId = chain === GLOBAL_AUDIT_CHAIN ? null : chain;
  const head = await db.auditChainHead.findUnique({ where: { chain } });
  const unchained = await db.auditEvent.count({ where: { workspaceId, seq: null } });
  const result = (events: number, firstBroken?: AuditBreak): AuditVerification => ({
    ok: !firstBroken,
    chain,
    events,
    unchained,
    head: head?.hash ?? null,
    headSeq: head?.seq ?? 0,
    ...(firstBroken ? { firstBroken } : {}),
  });
  let prev: { seq: number; hash: string | null } = { seq: 0, hash: null };
  let count = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({ where: { workspaceId, seq: { gt: prev.seq } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const e of page) {
      const seq = e.seq!;
      count++;
      if (seq !== prev.seq + 1)
        return result(count, {
          seq: prev.seq + 1,
          id: null,
          action: null,
          reason: `Event ${prev.seq + 1}${seq > prev.seq + 2 ? `–${seq - 1}` : ""} is missing: event ${seq} (${e.id}) follows ${prev.seq ? `event ${prev.seq}` : "the start of the chain"}.`,
        });
      if (e.prevHash !== prev.hash) return result(count, { seq, id: e.id, action: e.action, reason: `Event ${seq} (${e.id}) does not link to event ${prev.seq}.` });
      if (auditEventHash({ ...e, seq, prevHash: e.prevHash }) !== e.hash)
        return result(count, { seq, id: e.id, action: e.action, reason: `Event ${seq} (${e.id}, ${e.action}) was changed: its contents no longer give its hash.` });
      prev = { seq, hash: e.hash };
    }
    if (page.length < PAGE) break;
  }
  if ((head?.seq ?? 0) !== prev.seq || (head?.hash ?? null) !== prev.hash) {
    return result(count, { seq: Math.min(head?.seq ?? 0, prev.seq) + 1, id: null, action: null, reason: `The chain's head names event ${head?.seq ?? 0}, but the chain ends at event ${prev.seq}.` });
  }
  return result(count);
}
