export { inngest } from "./client";
export * from "./names";
