/**
 * The product as the browser tests see it: a fresh database (on the server of
 * DATABASE_URL), the production build, the engine and the demo seed.
 * Started by Playwright's webServer, stopped by it with SIGTERM; the database
 * is dropped then.
 */
import { createTestDatabase } from "../lib/testing/test-database";
import { launch } from "./lib/launch";

// outside services in browser tests (e.g. an MCP server) are stubs on loopback
process.env.SWITCHYARD_OUTBOUND_ALLOW ??= "127.0.0.0/8,localhost";
const db = await createTestDatabase("e2e");
process.env.DATABASE_URL = db.url;
await launch("start", { onStop: db.drop });
