import { handler, json, readJson } from "@/lib/api/handler";
import { requestOrigin } from "@/lib/audit/record-audit-event";
import { signUp, ZSignUpRequestSchema } from "@/lib/auth/sign-up";

/** POST /api/auth/signup — create an account (and a workspace, or join the invitation's). */
export const POST = handler(async (req) => {
  const input = await readJson(req, ZSignUpRequestSchema);
  const result = await signUp(input, requestOrigin(req.headers));
  return json(result, 201);
});
