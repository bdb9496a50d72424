/**
 * DBOS Transact on the shared workload: a workflow of 10 `DBOS.runStep` no-op steps,
 * system database on the same PostgreSQL server.
 */
import fs from "node:fs";
import { DBOS } from "@dbos-inc/dbos-sdk";
import { dropDatabase, freshDatabase, STEPS_PER_RUN } from "../engine/lib";
import { drive, report, stamp } from "./common";

const server = process.env.BENCH_SERVER_URL!;
const version = (JSON.parse(fs.readFileSync(new URL("./node_modules/@dbos-inc/dbos-sdk/package.json", import.meta.url), "utf8")) as { version: string }).version;
const url = await freshDatabase(server, "bench_dbos");
DBOS.setConfig({ name: "bench", systemDatabaseUrl: url });
const ten = DBOS.registerWorkflow(
  async (id: string) => {
    for (let i = 0; i < STEPS_PER_RUN; i++) {
      await DBOS.runStep(async () => {
        stamp(id);
        return i;
      }, { name: `s${i}` });
    }
    return "ok";
  },
  { name: "ten" },
);
await DBOS.launch();
const result = await drive(url, {
  name: "DBOS Transact",
  version,
  runOnce: async (id) => {
    await ten(id);
  },
  shutdown: () => DBOS.shutdown(),
});
report(result);
await dropDatabase(server, "bench_dbos");
process.exit(0);
