/**
 * LangGraph JS on the shared workload: a StateGraph of 10 no-op nodes in a chain with the
 * PostgreSQL checkpointer (one checkpoint per super-step), one thread per run.
 */
import fs from "node:fs";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { dropDatabase, freshDatabase, STEPS_PER_RUN } from "../engine/lib";
import { drive, report, stamp } from "./common";

const server = process.env.BENCH_SERVER_URL!;
const pkg = (name: string) =>
  (JSON.parse(fs.readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8")) as { version: string }).version;
const url = await freshDatabase(server, "bench_langgraph");
const pool = new pg.Pool({ connectionString: url, max: 20 });
const saver = new PostgresSaver(pool);
await saver.setup();

const State = Annotation.Root({ id: Annotation<string>(), n: Annotation<number>() });
let g: any = new StateGraph(State); // eslint-disable-line @typescript-eslint/no-explicit-any
for (let i = 0; i < STEPS_PER_RUN; i++) {
  g = g.addNode(`s${i}`, (s: { id: string; n: number }) => {
    stamp(s.id);
    return { n: s.n + 1 };
  });
}
g = g.addEdge(START, "s0");
for (let i = 1; i < STEPS_PER_RUN; i++) g = g.addEdge(`s${i - 1}`, `s${i}`);
g = g.addEdge(`s${STEPS_PER_RUN - 1}`, END);
const graph = g.compile({ checkpointer: saver });

const result = await drive(url, {
  name: "LangGraph JS + PostgresSaver",
  version: `${pkg("@langchain/langgraph")} / checkpoint-postgres ${pkg("@langchain/langgraph-checkpoint-postgres")}`,
  runOnce: async (id) => {
    // durability "sync": each super-step is durable before the next starts, like the other systems
    await graph.invoke({ id, n: 0 }, { configurable: { thread_id: id }, durability: "sync" });
  },
  shutdown: () => pool.end(),
});
report(result);
await dropDatabase(server, "bench_langgraph");
process.exit(0);
