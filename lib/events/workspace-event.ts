/**
 * Events a workspace sends to its own runs (`POST /api/v1/events`): the request's shape, and
 * the engine's name for them, which carries the workspace so that an event reaches only the
 * runs of the workspace that sent it, whatever name another workspace uses.
 */
import { z } from "zod";

/** Names a workspace may use: letters, digits and `._:/-`, not starting with the product's own prefix. */
export const WORKSPACE_EVENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

export const ZWorkspaceEvent = z.strictObject({
  name: z
    .string()
    .min(1, { error: "must not be empty, e.g. invoice.received" })
    .max(200)
    .regex(WORKSPACE_EVENT_NAME, { error: "may hold only letters, digits and . _ : / - (and start with a letter or digit), e.g. invoice.received" })
    .refine((name) => !name.startsWith("switchyard/"), { error: 'must not start with "switchyard/": those names belong to the product' }),
  data: z.record(z.string(), z.unknown()).default({}),
  /** the sender's id for this event: the same id within 24 h is delivered once */
  id: z.string().trim().min(1).max(200).optional(),
});
export type TWorkspaceEvent = z.infer<typeof ZWorkspaceEvent>;

/** The engine's name for a workspace's event. */
export function workspaceEventName(workspaceId: string, name: string): string {
  return `workspace/${workspaceId}/${name}`;
}
