import type { TNodeSpec } from "../../graphs/spec/schema";
import type { WorkExecutor } from "./context";
import { NodeError } from "./errors";

/** A node type this runtime cannot run yet (runs of such graphs are refused at start; this is the last guard). */
export const notRunnableExecutor: WorkExecutor<TNodeSpec> = {
  kind: "work",
  work: async (_w, node) => {
    throw new NodeError(`${node.type} nodes are not supported by this runtime yet.`, false);
  },
};
