/**
 * The layers point one way — app → components → lib — and the server's configuration is read
 * in one place (lib/env.ts). Biome enforces both while editing (biome.jsonc:
 * `noRestrictedImports`, `noProcessEnv`); this test checks the whole tree with every import
 * resolved to the file it names (relative or `@/`), and checks that biome.jsonc still catches a
 * violation, so a loosened configuration cannot pass silently.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const TEST = /\.test\.(ts|tsx)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE.test(entry.name)) out.push(full);
  }
  return out;
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^"'`;]*?\sfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1]!);
  return found;
}

/** The top-level folder an import lands in (`lib`, `components`, …), or null for packages. */
function layerOf(fromFile: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("@/")) target = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) target = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  return path.relative(root, target).split(path.sep)[0] ?? null;
}

const FORBIDDEN: Record<string, string[]> = {
  lib: ["app", "components", "inngest"],
  components: ["app", "inngest"],
};

function violations(layer: string): string[] {
  const out: string[] = [];
  for (const file of walk(path.join(root, layer))) {
    if (TEST.test(file) || file.includes(`${path.sep}testing${path.sep}`)) continue;
    for (const spec of importsOf(fs.readFileSync(file, "utf8"))) {
      const to = layerOf(file, spec);
      if (to && FORBIDDEN[layer]!.includes(to)) out.push(`${path.relative(root, file)} imports "${spec}" (${to}/)`);
    }
  }
  return out;
}

describe("import boundaries", () => {
  it("lib/ imports nothing from app/, components/ or inngest/", () => {
    expect(violations("lib")).toEqual([]);
  });
  it("components/ imports nothing from app/ or inngest/", () => {
    expect(violations("components")).toEqual([]);
  });
  it("finds imports of every form", () => {
    const src = `import a from "../x";\nimport { b,\n c } from "@/components/y";\nexport * from "./z";\nimport "./side-effect";\nconst d = await import("../../app/page");\nimport type { T } from "../t";`;
    expect(importsOf(src).sort()).toEqual(["../../app/page", "../t", "../x", "./side-effect", "./z", "@/components/y"]);
  });
});

describe("configuration is read through lib/env.ts", () => {
  it("no server module reads process.env directly", () => {
    const out: string[] = [];
    for (const layer of ["lib", "app", "components", "inngest"]) {
      if (!fs.existsSync(path.join(root, layer))) continue;
      for (const file of walk(path.join(root, layer))) {
        const rel = path.relative(root, file);
        if (rel === path.join("lib", "env.ts") || TEST.test(file) || rel.startsWith(path.join("lib", "testing"))) continue;
        const lines = fs.readFileSync(file, "utf8").split("\n");
        lines.forEach((line, i) => {
          if (/\bprocess\.env\b/.test(line) && !/^\s*(\*|\/\/)/.test(line)) out.push(`${rel}:${i + 1}`);
        });
      }
    }
    expect(out).toEqual([]);
  });
});

describe("browser tests", () => {
  it("every spec takes `test` from e2e/fixtures.ts, which fails it on console errors, failed requests and hydration warnings", () => {
    const dir = path.join(root, "e2e");
    const specs = fs.readdirSync(dir).filter((f) => f.endsWith(".spec.ts"));
    expect(specs.length).toBeGreaterThan(0);
    const bare = specs.filter((f) => /from\s*["']@playwright\/test["']/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    expect(bare).toEqual([]);
  });
});

describe("biome.jsonc", () => {
  it("reports a layer violation and a direct process.env read", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lint-boundaries-"));
    try {
      // the configuration has line comments (JSONC)
      const config = JSON.parse(fs.readFileSync(path.join(root, "biome.jsonc"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
      config.$schema = undefined;
      config.vcs = { enabled: false };
      fs.writeFileSync(path.join(dir, "biome.json"), JSON.stringify(config));
      fs.mkdirSync(path.join(dir, "lib"));
      fs.mkdirSync(path.join(dir, "components"));
      fs.writeFileSync(path.join(dir, "lib", "probe.ts"), `import { inngest } from "../inngest/client";\nimport { Button } from "@/components/ui/button";\nexport const x = [inngest, Button, process.env.FOO];\n`);
      fs.writeFileSync(path.join(dir, "components", "probe.ts"), `import Page from "@/app/page";\nexport const y = Page;\n`);
      fs.writeFileSync(path.join(dir, "lib", "env.ts"), `export const z = process.env.FOO;\n`);
      let output = "";
      try {
        execFileSync(path.join(root, "node_modules", ".bin", "biome"), ["lint", "--reporter=json", "."], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      } catch (err) {
        output = String((err as { stdout?: string }).stdout ?? "");
      }
      const report = JSON.parse(output) as { diagnostics: { category: string; location: { path: string | { file: string } } }[] };
      const found = report.diagnostics.map((d) => `${typeof d.location.path === "string" ? d.location.path : d.location.path.file} ${d.category}`).sort();
      expect(found).toEqual([
        "components/probe.ts lint/style/noRestrictedImports",
        "lib/probe.ts lint/style/noProcessEnv",
        "lib/probe.ts lint/style/noRestrictedImports",
        "lib/probe.ts lint/style/noRestrictedImports",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
