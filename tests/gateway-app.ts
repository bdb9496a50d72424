/**
 * The LLM gateway served on GATEWAY_PORT as a process of its own (the same handler the web
 * process puts in front of Next.js, cache on), so a test can SIGKILL it mid-call.
 */
import http from "node:http";
import { gatewayConfigCache } from "../lib/finops/gateway/config-cache";
import { handleGateway } from "../lib/finops/gateway/serve-node";

gatewayConfigCache().enable();
http
  .createServer((req, res) => {
    if (!handleGateway(req, res)) res.writeHead(404).end();
  })
  .listen(Number(process.env.GATEWAY_PORT), "127.0.0.1", () => console.log("gateway listening"));
