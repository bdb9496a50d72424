import { json } from "@/lib/api/handler";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/** GET /api/health — database and engine status; 503 only when the database is down. */
export async function GET() {
  const health = await checkHealth();
  return json(health, health.status === "down" ? 503 : 200);
}
