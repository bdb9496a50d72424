import { renderValue } from "../../graphs/spec/template";
import type { TNodeOf } from "../../graphs/spec/schema";
import type { WorkExecutor } from "./context";

/** An output node: its value, rendered; the run's result is made of these. */
export const outputExecutor: WorkExecutor<TNodeOf<"output">> = {
  kind: "work",
  work: async ({ tctx }, node) => ({ output: renderValue(node.value, tctx) }),
};
