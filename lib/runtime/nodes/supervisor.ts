import "server-only";
import type { TNodeOf } from "../../graphs/spec/schema";
import type { FlowExecutor } from "./context";
import { supervise } from "../supervision/supervise";

/**
 * A supervisor: plans with its own model, delegates to its sub-agents (the allow-list) in
 * parallel, escalates what it cannot settle to a person, and outputs a delegation result
 * (lib/runtime/supervision/supervise.ts).
 */
export const supervisorExecutor: FlowExecutor<TNodeOf<"supervisor">> = {
  kind: "flow",
  replanAfter: true,
  run: (n, node) => supervise(n, node),
};
