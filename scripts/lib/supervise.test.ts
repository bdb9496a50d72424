/**
 * The launcher's supervisor with real child processes: tiny Node scripts that crash, kill
 * themselves or start a grandchild.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exitReason, restartDelayMs, supervise, type Supervised } from "./supervise";

const running: Supervised[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop(1000)));
});

function node(script: string, opts: Partial<Parameters<typeof supervise>[0]> = {}) {
  const lines: string[] = [];
  const s = supervise({ name: "tiny", command: process.execPath, args: ["-e", script], stdio: ["ignore", "pipe", "inherit"], log: (l) => lines.push(l), ...opts });
  running.push(s);
  return { s, lines };
}

async function until(predicate: () => boolean, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("restartDelayMs", () => {
  it("starts at 0.5 s and doubles up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 60].map((n) => restartDelayMs(n))).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });
  it("names the exit code or the signal", () => {
    expect(exitReason(3, null)).toBe("code 3");
    expect(exitReason(null, "SIGKILL")).toBe("signal SIGKILL");
    expect(exitReason(137, null)).toBe("code 137 (SIGKILL)");
  });
});

describe("supervise", () => {
  it("restarts a crashing child with a growing delay and logs each exit code", async () => {
    const spawns: number[] = [];
    const exits: number[] = [];
    const { s, lines } = node("process.exit(3)", {
      backoff: { initialMs: 100, maxMs: 400, stableMs: 60_000 },
      onSpawn: (child) => {
        spawns.push(Date.now());
        child.once("exit", () => exits.push(Date.now()));
      },
    });
    await until(() => spawns.length >= 5, 25_000);
    await s.stop();
    // the wait between one exit and the next start: 100, 200, 400, 400 ms
    const waits = [1, 2, 3, 4].map((i) => spawns[i]! - exits[i - 1]!);
    [100, 200, 400, 400].forEach((min, i) => expect(waits[i]).toBeGreaterThanOrEqual(min - 5));
    expect(lines[0]).toMatch(/^tiny exited unexpectedly \(code 3\) after \d+\.\d s; restarting in 0\.1 s \(restart 1\)$/);
    expect(lines[1]).toMatch(/restarting in 0\.2 s \(restart 2\)/);
    expect(lines[2]).toMatch(/restarting in 0\.4 s \(restart 3\)/);
    expect(lines[3]).toMatch(/restarting in 0\.4 s \(restart 4\)/);
  }, 30_000);

  it("logs the signal that killed the child", async () => {
    const { s, lines } = node("process.kill(process.pid, 'SIGKILL')", { backoff: { initialMs: 50, maxMs: 50, stableMs: 60_000 } });
    await until(() => lines.length >= 1);
    await s.stop();
    expect(lines[0]).toMatch(/tiny exited unexpectedly \(signal SIGKILL\)/);
  }, 30_000);

  it("goes back to the first delay after a run that lasted the stable time", async () => {
    // runs 1, 2 and 4 crash at once; run 3 lasts 4 s, longer than the stable time (3 s)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "supervise-"));
    const counter = path.join(dir, "runs");
    const script = `const fs=require("fs");const f=${JSON.stringify(counter)};const n=fs.existsSync(f)?Number(fs.readFileSync(f,"utf8")):0;fs.writeFileSync(f,String(n+1));setTimeout(()=>process.exit(1), n===2?4000:0)`;
    const { s, lines } = node(script, { backoff: { initialMs: 100, maxMs: 1600, stableMs: 3000 } });
    try {
      await until(() => lines.length >= 4, 25_000);
      await s.stop();
      // without the reset the third delay would be 0.4 s
      expect(lines.slice(0, 4).map((l) => /restarting in ([\d.]+) s/.exec(l)![1])).toEqual(["0.1", "0.2", "0.1", "0.2"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("stops a detached child's whole process group and does not restart it", async () => {
    const script = `const { spawn } = require("child_process"); const g = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); console.log(g.pid); setInterval(() => {}, 1000);`;
    let grandchild = 0;
    const { s, lines } = node(script, {
      detached: true,
      onSpawn: (child) => child.stdout!.once("data", (d: Buffer) => (grandchild = Number(String(d).trim()))),
    });
    await until(() => grandchild > 0);
    const pid = s.child!.pid!;
    expect(alive(pid) && alive(grandchild)).toBe(true);
    await s.stop();
    await until(() => !alive(pid) && !alive(grandchild), 5_000);
    await new Promise((r) => setTimeout(r, 700));
    expect(s.child).toBeUndefined();
    expect(s.restarts).toBe(0);
    expect(lines).toEqual([]);
  }, 30_000);

  it("does not restart a child whose exit came just before stop() (Ctrl-C reaches the whole group)", async () => {
    let spawns = 0;
    const { s, lines } = node("process.exit(130)", { backoff: { initialMs: 300, maxMs: 300, stableMs: 60_000 }, onSpawn: () => spawns++ });
    await until(() => lines.length >= 1);
    await s.stop();
    await new Promise((r) => setTimeout(r, 600));
    expect(spawns).toBe(1);
    expect(s.child).toBeUndefined();
    expect(lines).toHaveLength(1);
  }, 30_000);

  it("ends a child that ignores SIGTERM after the grace period", async () => {
    let ready = false;
    const { s } = node(`process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000);`, {
      onSpawn: (child) => child.stdout!.once("data", () => (ready = true)),
    });
    await until(() => ready);
    const pid = s.child!.pid!;
    const started = Date.now();
    await s.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(alive(pid)).toBe(false);
  }, 30_000);
});
