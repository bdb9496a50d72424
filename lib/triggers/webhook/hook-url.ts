import { appUrl } from "../../env";

/** Where deliveries for webhook triggers arrive, under the app's URL. */
export const HOOKS_PREFIX = "/api/v1/hooks";

/**
 * A webhook trigger's URL: the workspace's slug and the trigger's path (its declared `path`,
 * else its row id).
 *
 * @example hookUrl("acme", "support/tickets") // "https://switchyard.example/api/v1/hooks/acme/support/tickets"
 */
export function hookUrl(workspaceSlug: string, hookPath: string): string {
  return `${appUrl()}${HOOKS_PREFIX}/${encodeURIComponent(workspaceSlug)}/${hookPath}`;
}
