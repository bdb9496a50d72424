/** Model ids, the model catalogue and token counting: shared by the runtime and FinOps. */
export * from "./model-id";
export * from "./model-catalogue";
export * from "./errors";
export * from "./tokens";
