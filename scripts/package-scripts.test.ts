/**
 * Every npm script that runs a file of this repository names a file that exists (the README's
 * script table promises them).
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };

it("points every script at files that exist", () => {
  const missing: string[] = [];
  for (const [name, cmd] of Object.entries(pkg.scripts)) {
    for (const file of cmd.match(/(?:^|\s)((?:scripts|bench|prisma|lib)\/[\w./-]+\.(?:ts|mjs|js))/g) ?? []) {
      if (!fs.existsSync(path.join(root, file.trim()))) missing.push(`${name}: ${file.trim()}`);
    }
  }
  expect(missing).toEqual([]);
});
