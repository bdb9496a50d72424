/**
 * A graph as an A2A agent: the SDK's request handler with a task store and an agent executor
 * backed by runs. A task starts one run of the graph (under the workspace's budgets, the API key
 * as its actor); the task's state is read from the run each time it is asked for:
 *
 * | run | task |
 * |---|---|
 * | queued, running, waiting (sleep, event, sub-run) | `working` |
 * | waiting or paused on a person (a pending inbox item of the run or its sub-runs) | `input-required` |
 * | succeeded | `completed`, the run's output as a data artifact |
 * | failed | `failed`, with the reason |
 * | cancelled | `canceled` |
 *
 * Only the conversation (context id, messages) is stored, in `A2ATask`; `tasks/cancel` cancels
 * the run. A blocking `message/send` and `message/stream` follow the run until it ends or waits
 * on a person (or {@link FOLLOW_MAX_MS} passes, or the caller hangs up); a non-blocking send
 * answers with the `working` task at once.
 */
import "server-only";
import { Role, TaskState, type Message, type SendMessageRequest, type Task } from "@a2a-js/sdk";
import { RequestMalformedError, UnsupportedOperationError } from "@a2a-js/sdk/errors";
import {
  AgentEvent,
  DefaultExecutionEventBusManager,
  DefaultRequestHandler,
  type AgentExecutor,
  type ExecutionEventBus,
  type RequestContext,
  type ServerCallContext,
  type TaskStore,
} from "@a2a-js/sdk/server";
import type { AgentCard, ListTasksRequest, ListTasksResponse, StreamResponse } from "@a2a-js/sdk";
import type { WorkspaceContext } from "../auth/context";
import { AppError } from "../errors";
import { cancelRun } from "../runs/cancel-run";
import { startRun } from "../runs/start-run";
import { agentMessage, dataPart } from "./parts";
import { inputFromMessage } from "./input-from-message";

/** The longest a blocking send or a stream follows a run before answering with the task as it is. */
export const FOLLOW_MAX_MS = 5 * 60_000;
const FOLLOW_POLL_MIN_MS = 100;
const FOLLOW_POLL_MAX_MS = 1_000;
const ACTIVE_RUN = ["queued", "running", "waiting", "paused"];

export interface GraphAgent {
  ctx: WorkspaceContext;
  graphId: string;
  /** the latest version's input schema */
  inputSchema?: object;
  /** the caller hung up */
  signal?: AbortSignal;
}

/** `customerKey` and `tags` a caller may pass in the request's metadata (ignored when malformed). */
function runOptionsFrom(metadata: Record<string, unknown> | undefined) {
  const customerKey = typeof metadata?.customerKey === "string" && metadata.customerKey.trim() ? metadata.customerKey.trim().slice(0, 200) : undefined;
  const tags = Array.isArray(metadata?.tags) ? metadata.tags.filter((t): t is string => typeof t === "string" && t.trim() !== "").map((t) => t.trim().slice(0, 60)).slice(0, 20) : undefined;
  return { ...(customerKey ? { customerKey } : {}), ...(tags?.length ? { tags } : {}) };
}

type RunRow = { id: string; status: string; output: unknown; error: unknown; version: number; updatedAt: Date };

/** Reads a task: its stored conversation and its run's state now. */
export async function loadRunTask(agent: GraphAgent, taskId: string): Promise<Task | undefined> {
  const { ctx } = agent;
  const row = await ctx.db.a2ATask.findFirst({ where: { id: taskId, graphId: agent.graphId } });
  if (!row) return undefined;
  const run = (await ctx.db.run.findFirst({
    where: { id: row.runId },
    select: { id: true, status: true, output: true, error: true, version: true, updatedAt: true },
  })) as RunRow | null;
  if (!run) return undefined;
  const waitingOn = ACTIVE_RUN.includes(run.status) && run.status !== "queued" ? await pendingApproval(ctx, run.id) : null;
  return taskFromRun(row, run, waitingOn);
}

/** A pending inbox item of the run or of one of its sub-runs. */
async function pendingApproval(ctx: WorkspaceContext, runId: string) {
  const children = await ctx.db.run.findMany({ where: { rootRunId: runId, status: { in: ACTIVE_RUN as never } }, select: { id: true } });
  return ctx.db.approval.findFirst({
    where: { status: "pending", runId: { in: [runId, ...children.map((c) => c.id)] } },
    select: { id: true, title: true, kind: true },
    orderBy: { createdAt: "asc" },
  });
}

function taskFromRun(row: { id: string; contextId: string; history: unknown }, run: RunRow, waitingOn: { id: string; title: string; kind: string } | null): Task {
  const say = (text: string) => agentMessage(row.id, row.contextId, text, `${run.id}:${run.status}`);
  let state: TaskState;
  let message: Message | undefined;
  switch (run.status) {
    case "succeeded":
      state = TaskState.TASK_STATE_COMPLETED;
      break;
    case "failed":
      state = TaskState.TASK_STATE_FAILED;
      message = say(errorMessage(run.error) ?? "The run failed.");
      break;
    case "cancelled":
      state = TaskState.TASK_STATE_CANCELED;
      break;
    default:
      if (waitingOn) {
        state = TaskState.TASK_STATE_INPUT_REQUIRED;
        message = agentMessage(row.id, row.contextId, `Waiting for a person to decide in Switchyard's inbox: ${waitingOn.title} (${waitingOn.kind} ${waitingOn.id}).`, `${run.id}:${waitingOn.id}`);
      } else {
        state = TaskState.TASK_STATE_WORKING;
      }
  }
  return {
    id: row.id,
    contextId: row.contextId,
    status: { state, message, timestamp: run.updatedAt.toISOString() },
    artifacts: run.status === "succeeded" ? [{ artifactId: `${run.id}:output`, name: "output", description: "The run's output.", parts: [dataPart(run.output ?? null)], metadata: undefined, extensions: [] }] : [],
    history: Array.isArray(row.history) ? (row.history as Message[]) : [],
    metadata: { switchyard: { runId: run.id, version: run.version } },
  };
}

function errorMessage(error: unknown): string | undefined {
  const m = (error as { message?: unknown } | null)?.message;
  return typeof m === "string" && m ? m : undefined;
}

function isSettled(state: TaskState | undefined): boolean {
  return (
    state === TaskState.TASK_STATE_COMPLETED ||
    state === TaskState.TASK_STATE_FAILED ||
    state === TaskState.TASK_STATE_CANCELED ||
    state === TaskState.TASK_STATE_INPUT_REQUIRED
  );
}

/** Tasks are runs: `save` keeps the conversation, and a task saved as canceled cancels its run. */
export class RunTaskStore implements TaskStore {
  constructor(private readonly agent: GraphAgent) {}

  load(taskId: string): Promise<Task | undefined> {
    return loadRunTask(this.agent, taskId);
  }

  async save(task: Task): Promise<void> {
    const { ctx } = this.agent;
    const row = await ctx.db.a2ATask.findFirst({ where: { id: task.id, graphId: this.agent.graphId }, select: { id: true, runId: true } });
    if (!row) return;
    await ctx.db.a2ATask.updateMany({ where: { id: row.id }, data: { history: (task.history ?? []) as never } });
    if (task.status?.state === TaskState.TASK_STATE_CANCELED) {
      await cancelRun(ctx, row.runId).catch((err) => {
        // a run that ended meanwhile keeps its end; the task then shows it
        if (!(err instanceof AppError && err.code === "conflict")) throw err;
      });
    }
  }

  async list(params: ListTasksRequest): Promise<ListTasksResponse> {
    const pageSize = params.pageSize ?? 50;
    const rows = await this.agent.ctx.db.a2ATask.findMany({
      where: { graphId: this.agent.graphId, ...(params.contextId ? { contextId: params.contextId } : {}), ...(params.pageToken ? { createdAt: { lt: new Date(Number(params.pageToken) || 0) } } : {}) },
      orderBy: { createdAt: "desc" },
      take: pageSize + 1,
      select: { id: true, createdAt: true },
    });
    const page = rows.slice(0, pageSize);
    const tasks = (await Promise.all(page.map((r) => loadRunTask(this.agent, r.id)))).filter((t): t is Task => !!t);
    const next = rows.length > pageSize ? String(page[page.length - 1]!.createdAt.getTime()) : "";
    return { tasks, nextPageToken: next, pageSize, totalSize: tasks.length };
  }
}

/** Starts the task's run, then reports its state until it settles (blocking sends and streams). */
export class RunAgentExecutor implements AgentExecutor {
  constructor(private readonly agent: GraphAgent) {}

  execute = async (rc: RequestContext, bus: ExecutionEventBus): Promise<void> => {
    const { ctx, graphId } = this.agent;
    const message = rc.userMessage;
    const input = inputFromMessage(message, this.agent.inputSchema);
    const idempotencyKey = `a2a:${rc.taskId}`;
    const createdBy = ctx.actor.apiKeyId ? `apikey:${ctx.actor.apiKeyId}` : ctx.actor.userId ? `user:${ctx.actor.userId}` : null;
    let runId: string;
    try {
      runId = (await startRun(ctx, graphId, { input, idempotencyKey, ...runOptionsFrom(rc.request.metadata) })).runId;
    } catch (err) {
      // the run may exist and have failed to start (the engine unreachable): report that run
      const run = await ctx.db.run.findFirst({ where: { idempotencyKey }, select: { id: true } });
      if (!run) throw err;
      runId = run.id;
    }
    await ctx.db.a2ATask.create({ data: { id: rc.taskId, graphId, runId, contextId: rc.contextId, history: [message] as never, createdBy } as never });
    let task = await loadRunTask(this.agent, rc.taskId);
    if (!task) throw new Error(`Task ${rc.taskId} could not be read back.`);
    bus.publish(AgentEvent.task(task));
    if (rc.request.configuration?.returnImmediately) return;
    const until = Date.now() + FOLLOW_MAX_MS;
    let last = task.status?.state;
    for (let wait = FOLLOW_POLL_MIN_MS; !isSettled(last); wait = Math.min(wait * 2, FOLLOW_POLL_MAX_MS)) {
      if (Date.now() > until || this.agent.signal?.aborted) return;
      await new Promise((r) => setTimeout(r, wait));
      task = await loadRunTask(this.agent, rc.taskId);
      if (!task) return;
      if (task.status?.state === last) continue;
      last = task.status?.state;
      wait = FOLLOW_POLL_MIN_MS / 2;
      for (const artifact of task.artifacts) bus.publish(AgentEvent.artifactUpdate({ taskId: task.id, contextId: task.contextId, artifact, append: false, lastChunk: true, metadata: undefined }));
      bus.publish(AgentEvent.statusUpdate({ taskId: task.id, contextId: task.contextId, status: task.status, metadata: task.metadata }));
    }
  };

  /** Only reached while this request follows the task; cancelling from elsewhere goes through the store. */
  cancelTask = async (taskId: string, bus: ExecutionEventBus): Promise<void> => {
    const row = await this.agent.ctx.db.a2ATask.findFirst({ where: { id: taskId, graphId: this.agent.graphId }, select: { runId: true } });
    if (row) await cancelRun(this.agent.ctx, row.runId).catch(() => {});
    const task = await loadRunTask(this.agent, taskId);
    if (task) bus.publish(AgentEvent.statusUpdate({ taskId, contextId: task.contextId, status: task.status, metadata: task.metadata }));
  };
}

/**
 * The SDK's request handler for one graph and one caller, with the checks that must answer as
 * JSON-RPC errors rather than as a failed task: the input (see {@link inputFromMessage}), and
 * follow-up messages (a run takes its input once; a person answers what it waits for in the inbox).
 */
export class GraphRequestHandler extends DefaultRequestHandler {
  constructor(card: AgentCard, private readonly agent: GraphAgent) {
    // a bus per request; nothing is kept alive between requests (the run is the state)
    super(card, new RunTaskStore(agent), new RunAgentExecutor(agent), new DefaultExecutionEventBusManager(), undefined, undefined, undefined, undefined, { keepBusAliveStates: [] });
  }

  private check(params: SendMessageRequest) {
    if (params.message?.taskId) {
      throw new UnsupportedOperationError(
        `Task ${params.message.taskId} already has its input: a Switchyard graph takes one message per task. What it waits for is answered in Switchyard's inbox; follow the task with tasks/get, or send a new message without taskId for a new task.`,
      );
    }
    if (params.message?.role === Role.ROLE_AGENT) throw new RequestMalformedError("message.role: must be the user's message.");
    inputFromMessage(params.message, this.agent.inputSchema);
  }

  override async sendMessage(params: SendMessageRequest, context: ServerCallContext) {
    this.check(params);
    return super.sendMessage(params, context);
  }

  override async *sendMessageStream(params: SendMessageRequest, context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    this.check(params);
    yield* super.sendMessageStream(params, context);
  }
}
