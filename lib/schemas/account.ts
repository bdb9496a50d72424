/**
 * Request schemas shared by the API (validation) and the browser (forms
 * validate before submit with the same rules). Pure: no server imports.
 */
import { z } from "zod";
import { ROLES } from "../auth/permissions";

export const PASSWORD_MIN_LENGTH = 8;

export const ZEmailSchema = z.string().trim().toLowerCase().pipe(z.email("Not a valid e-mail address"));

export const ZSignUpRequestSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name").max(80),
  email: ZEmailSchema,
  password: z.string().min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`).max(200),
  workspaceName: z.string().trim().min(2).max(60).optional(),
  inviteToken: z.string().min(10).max(200).optional(),
});
export type TSignUpRequest = z.infer<typeof ZSignUpRequestSchema>;

export const ZWorkspaceNameSchema = z.string().trim().min(2, "At least 2 characters").max(60, "At most 60 characters");
export const ZCreateWorkspaceRequestSchema = z.object({ name: ZWorkspaceNameSchema });
export const ZUpdateWorkspaceRequestSchema = z.object({ name: ZWorkspaceNameSchema });

export const ZChangeRoleRequestSchema = z.object({ role: z.enum(ROLES) });

export const ZCreateInvitationRequestSchema = z.object({
  email: ZEmailSchema.optional(),
  role: z.enum(ROLES),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type TCreateInvitationRequest = z.infer<typeof ZCreateInvitationRequestSchema>;

export const ZCreateApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1, "Give the key a name").max(80),
  role: z.enum(ROLES).default("editor"),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type TCreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequestSchema>;

/** field → first message, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "(body)";
    out[key] ??= issue.message;
  }
  return out;
}

// ── answers (declared in the OpenAPI document, checked against real answers by the tests) ──

const ZWhen = z.iso.datetime({ offset: true });
const ZRole = z.enum(ROLES);

export const ZWorkspaceSummary = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export const ZCurrentWorkspaceResponse = ZWorkspaceSummary.extend({ role: ZRole });
export const ZListWorkspacesResponse = z.object({ workspaces: z.array(ZWorkspaceSummary.extend({ role: ZRole })) });
export const ZCreateWorkspaceResponse = ZWorkspaceSummary.extend({ role: z.literal("owner") });

export const ZMeResponse = z.object({
  workspace: ZWorkspaceSummary,
  role: ZRole,
  actor: z.object({ type: z.enum(["user", "apiKey", "system"]), userId: z.string().nullable(), apiKeyId: z.string().nullable() }),
  permissions: z.array(z.string()).describe("Every permission the caller's role holds"),
});

export const ZMember = z.object({
  id: z.string(),
  role: ZRole,
  createdAt: ZWhen,
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), lastLoginAt: ZWhen.nullable() }),
});
export const ZListMembersResponse = z.object({ members: z.array(ZMember) });
export const ZChangeRoleResponse = z.object({ id: z.string(), role: ZRole });

export const ZInvitation = z.object({
  id: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  expiresAt: ZWhen,
  createdAt: ZWhen,
  acceptedAt: ZWhen.nullable(),
  revokedAt: ZWhen.nullable(),
});
export const ZListInvitationsResponse = z.object({ invitations: z.array(ZInvitation) });
export const ZCreateInvitationResponse = z.object({ invitation: ZInvitation, url: z.string().describe("The invite link, shown only here"), emailed: z.boolean() });

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  role: ZRole,
  prefix: z.string(),
  createdById: z.string().nullable(),
  createdAt: ZWhen,
  expiresAt: ZWhen.nullable(),
  revokedAt: ZWhen.nullable(),
  lastUsedAt: ZWhen.nullable(),
});
export const ZListApiKeysResponse = z.object({ apiKeys: z.array(ZApiKey) });
export const ZCreateApiKeyResponse = z.object({ key: z.string().describe("The secret, shown only here"), apiKey: ZApiKey });
