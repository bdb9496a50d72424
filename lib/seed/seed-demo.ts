import "server-only";
import { getPrisma } from "../db/client";
import { sha256 } from "../crypto";
import { newId } from "../ids";
import { hashPassword } from "../auth/password";
import { API_KEY_PREFIX } from "../auth/api-keys";
import { bootstrapApiKey } from "../env";

export const DEMO_USER = { email: "demo@switchyard.local", password: "switchyard-demo", name: "Demo User" } as const;
export const DEMO_WORKSPACE = { slug: "demo", name: "Demo workspace" } as const;

/**
 * Ensures the demo user and workspace exist (once; later runs change nothing),
 * and, when SWITCHYARD_BOOTSTRAP_API_KEY is set, an owner API key with exactly
 * that value for the demo workspace (for automation and CI).
 */
export async function seedDemo(opts: { vendorApiUrl?: string } = {}): Promise<{ created: boolean; bootstrapKey: boolean }> {
  const db = getPrisma();
  let created = false;
  let user = await db.user.findUnique({ where: { email: DEMO_USER.email } });
  if (!user) {
    user = await db.user.create({
      data: { id: newId("user"), email: DEMO_USER.email, name: DEMO_USER.name, passwordHash: await hashPassword(DEMO_USER.password) },
    });
    created = true;
  }
  let workspace = await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE.slug } });
  if (!workspace) {
    workspace = await db.workspace.create({ data: { id: newId("workspace"), slug: DEMO_WORKSPACE.slug, name: DEMO_WORKSPACE.name } });
    created = true;
  }
  await db.membership.upsert({
    where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
    create: { id: newId("membership"), workspaceId: workspace.id, userId: user.id, role: "owner" },
    update: {},
  });
  const bootstrap = bootstrapApiKey();
  if (bootstrap) {
    if (!bootstrap.startsWith(API_KEY_PREFIX) || bootstrap.length < 24) {
      throw new Error(`SWITCHYARD_BOOTSTRAP_API_KEY must start with "${API_KEY_PREFIX}" and be at least 24 characters long.`);
    }
    await db.apiKey.upsert({
      where: { hash: sha256(bootstrap) },
      create: {
        id: newId("apiKey"),
        workspaceId: workspace.id,
        name: "Bootstrap key (SWITCHYARD_BOOTSTRAP_API_KEY)",
        prefix: bootstrap.slice(0, 10),
        hash: sha256(bootstrap),
        role: "owner",
      },
      update: { revokedAt: null },
    });
  }
  await seedDemoContent(workspace.id, opts.vendorApiUrl);
  return { created, bootstrapKey: !!bootstrap };
}

export const DEMO_VENDOR_API_KEY = "demo-vendor-registry-key";

/**
 * The demo workspace's starting point: the procurement template as a graph,
 * and the vendor registry secrets it reads (pointing at the bundled registry
 * that `npm run dev` starts). Existing graphs and secrets are left alone.
 */
async function seedDemoContent(workspaceId: string, vendorApiUrl?: string) {
  const { systemContext } = await import("../runtime/system-context");
  const { createGraph } = await import("../graphs/save-graph");
  const { putSecret } = await import("../secrets/secrets");
  const { GRAPH_TEMPLATES } = await import("../graphs/templates");
  const ctx = await systemContext(workspaceId);
  if (vendorApiUrl) {
    const existing = await ctx.db.secret.findMany({ where: { name: { in: ["VENDOR_API_URL", "VENDOR_API_KEY"] } } });
    if (!existing.some((s) => s.name === "VENDOR_API_URL")) await putSecret(ctx, "VENDOR_API_URL", vendorApiUrl);
    if (!existing.some((s) => s.name === "VENDOR_API_KEY")) await putSecret(ctx, "VENDOR_API_KEY", DEMO_VENDOR_API_KEY);
  }
  // each template once, by name; a graph the team archived is not brought back
  const names = new Set((await ctx.db.graph.findMany({ select: { name: true } })).map((g) => g.name));
  for (const template of GRAPH_TEMPLATES) {
    if (names.has((template.spec as { name: string }).name)) continue;
    try {
      await createGraph(ctx, { spec: template.spec, message: `From the "${template.title}" template` });
    } catch (err) {
      // e.g. a renamed copy already receives the template's e-mail address: the demo starts without this one
      console.warn(`[switchyard] the "${template.title}" template was not added to the demo workspace: ${(err as Error).message}`);
    }
  }
}
