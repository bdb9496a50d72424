/**
 * Starts the whole product: PostgreSQL (embedded unless DATABASE_URL is set),
 * migrations, the demo seed, the durable engine and the web app. Shared by
 * `npm run dev` (Next.js dev) and `npm start` (the production build from `npm run build`); the
 * web app is Next.js behind scripts/web-server.ts, which answers the LLM gateway itself.
 * The web app, the engine and the demo vendor registry are child processes, each restarted
 * with backoff if it crashes (scripts/lib/supervise.ts, the reason logged). They share the
 * launcher's process group, so Ctrl-C (or a test runner ending the group) reaches them all;
 * the launcher then stops them without restarting any, then PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { applyMigrations, PRODUCT_MIGRATIONS_DIR } from "../../lib/db/migrator";
import { emailDomain, smtpListenerConfig } from "../../lib/env";
import { DATA_DIR, resolveDatabase } from "./database";
import { supervise, type Supervised } from "./supervise";

/** A path as the banner shows it: relative inside the project, absolute elsewhere. */
function shownPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
}

const root = process.cwd();

function log(line: string) {
  console.log(`[switchyard] ${line}`);
}

function ensureSecret(): string {
  if (process.env.SWITCHYARD_SECRET) return process.env.SWITCHYARD_SECRET;
  const file = path.join(DATA_DIR, "secret");
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    log(`generated a secret in ${path.relative(root, file)} (set SWITCHYARD_SECRET to use your own)`);
  }
  return fs.readFileSync(file, "utf8").trim();
}

function portFree(port: number, host = "0.0.0.0"): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

export async function launch(mode: "dev" | "start", opts: { onStop?: () => Promise<void> } = {}): Promise<void> {
  const appPort = Number(process.env.PORT ?? 3000);
  const enginePort = Number(process.env.ENGINE_PORT ?? 8288);
  const external = !!process.env.INNGEST_BASE_URL && !process.env.INNGEST_BASE_URL.includes("127.0.0.1:" + enginePort);

  if (mode === "start" && !fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    console.error("No production build found. Run `npm run build` first, then `npm start`.");
    process.exit(1);
  }
  if (!(await portFree(appPort))) {
    console.error(
      `Port ${appPort} is already in use (another Switchyard or web server?). Stop that process, or start on another port: PORT=${appPort + 1} npm run ${mode}`,
    );
    process.exit(1);
  }
  if (!external && !(await portFree(enginePort))) {
    console.error(
      `Port ${enginePort} (the durable engine) is already in use. Stop that process, or choose another: ENGINE_PORT=${enginePort + 1} npm run ${mode}`,
    );
    process.exit(1);
  }

  const secret = ensureSecret();
  const db = await resolveDatabase(log);
  log(db.embedded ? `embedded PostgreSQL ready (${new URL(db.url).host})` : "using DATABASE_URL");
  const migrated = await applyMigrations(db.url, { dir: PRODUCT_MIGRATIONS_DIR, log });
  if (!migrated.applied.length) log(`database schema up to date (${migrated.alreadyApplied.length} migrations)`);

  process.env.DATABASE_URL = db.url;
  process.env.SWITCHYARD_SECRET = secret;
  const { seedDemo, DEMO_USER, DEMO_WORKSPACE, DEMO_VENDOR_API_KEY } = await import("../../lib/seed/seed-demo");
  const { getPrisma } = await import("../../lib/db/client");

  const children: { name: string; proc: Supervised }[] = [];
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    // all at once: each supervisor must know before its child exits on the same Ctrl-C
    await Promise.all(children.map((c) => c.proc.stop(10_000)));
    await opts.onStop?.().catch(() => {});
    await db.stop();
    log("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  // the bundled stand-in for the procurement template's vendor registry
  const preferredVendorPort = Number(process.env.VENDOR_REGISTRY_PORT ?? 8390);
  const vendorPort = (await portFree(preferredVendorPort, "127.0.0.1")) ? preferredVendorPort : await freePort();
  children.push({
    name: "vendor registry",
    proc: supervise({
      name: "vendor registry",
      command: process.execPath,
      args: [tsx, path.join(root, "scripts", "vendor-registry.ts")],
      env: { ...process.env, VENDOR_REGISTRY_PORT: String(vendorPort), VENDOR_REGISTRY_API_KEY: DEMO_VENDOR_API_KEY },
      log,
    }),
  });
  let vendor: { url: string } | null = { url: `http://127.0.0.1:${vendorPort}` };
  if (!(await waitForHttp(`${vendor.url}/health`, 30_000))) {
    log("the demo vendor registry did not start; the procurement template's vendor check will fail");
    vendor = null;
  }
  const seeded = await seedDemo({ vendorApiUrl: vendor?.url });
  await getPrisma().$disconnect();

  const appUrl = process.env.SWITCHYARD_URL ?? `http://localhost:${appPort}`;
  const engineUrl = external ? process.env.INNGEST_BASE_URL! : `http://127.0.0.1:${enginePort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    SWITCHYARD_SECRET: secret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
    SWITCHYARD_URL: appUrl,
    PORT: String(appPort),
    NEXT_TELEMETRY_DISABLED: "1",
    // the bundled vendor registry listens on loopback, which workspaces may not reach otherwise
    ...(vendor ? { SWITCHYARD_OUTBOUND_ALLOW: [process.env.SWITCHYARD_OUTBOUND_ALLOW, new URL(vendor.url).host].filter(Boolean).join(",") } : {}),
    ...(external ? {} : { INNGEST_DEV: process.env.INNGEST_DEV ?? "1", INNGEST_BASE_URL: engineUrl }),
  };


  if (stopping) return;
  if (!external && fs.existsSync(path.join(root, "scripts", "engine.ts"))) {
    children.push({
      name: "engine",
      proc: supervise({
        name: "engine",
        command: process.execPath,
        args: [tsx, path.join(root, "scripts", "engine.ts")],
        env: { ...env, ENGINE_PORT: String(enginePort), ENGINE_APP_URLS: `http://127.0.0.1:${appPort}/api/inngest` },
        log,
      }),
    });
  }
  // e-mail triggers: the SMTP listener (SWITCHYARD_SMTP_PORT, 0/off disables it)
  const smtp = smtpListenerConfig();
  let smtpLine = "";
  if (smtp && !(await portFree(smtp.port, smtp.host))) {
    log(`port ${smtp.port} (SMTP for e-mail triggers) is in use: starting without the SMTP listener (choose another with SWITCHYARD_SMTP_PORT, or 0 to turn it off)`);
  } else if (smtp) {
    children.push({
      name: "smtp",
      proc: supervise({
        name: "SMTP listener",
        command: process.execPath,
        args: [tsx, "--conditions=react-server", path.join(root, "scripts", "smtp-listener.ts")],
        env: { ...env, DATABASE_POOL_SIZE: "5" },
        log,
      }),
    });
    smtpLine = `  Inbound e-mail: SMTP on ${smtp.host}:${smtp.port} for <workspace>.<address>@${emailDomain()}`;
  }
  children.push({
    name: "web",
    proc: supervise({
      name: "web app",
      command: process.execPath,
      // Next.js behind a Node server that answers the LLM gateway itself (scripts/web-server.ts)
      args: [tsx, "--conditions=react-server", path.join(root, "scripts", "web-server.ts"), mode, String(appPort)],
      env,
      log,
    }),
  });

  const up = await waitForHttp(`http://127.0.0.1:${appPort}/api/health`, 120_000);
  if (!up) {
    console.error("[switchyard] the web app did not answer within 2 minutes; see its output above.");
    return;
  }
  const line = "─".repeat(60);
  console.log(
    [
      line,
      `  Switchyard is running: ${appUrl}`,
      `  Demo login: ${DEMO_USER.email} / ${DEMO_USER.password}   (workspace "${DEMO_WORKSPACE.name}")`,
      `  Engine: ${engineUrl}${external ? " (external)" : ""}   Database: ${db.embedded ? `embedded PostgreSQL in ${shownPath(path.join(DATA_DIR, "pg"))}` : "DATABASE_URL"}`,
      smtpLine,
      seeded.bootstrapKey ? "  API key from SWITCHYARD_BOOTSTRAP_API_KEY is active for the demo workspace." : "",
      "  Press Ctrl-C to stop.",
      line,
    ]
      .filter(Boolean)
      .join("\n"),
  );
}
