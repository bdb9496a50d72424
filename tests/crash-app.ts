/**
 * The product's Inngest functions served on APP_PORT, as a process of its own, so a crash test
 * can SIGKILL the process that runs the steps (tests/crash-harness.ts, `kill: "app"`).
 */
import http from "node:http";
import { serve } from "inngest/node";
import { functions, inngest } from "../inngest";

const handler = serve({ client: inngest, functions });
http.createServer((req, res) => void handler(req, res)).listen(Number(process.env.APP_PORT), "127.0.0.1");
