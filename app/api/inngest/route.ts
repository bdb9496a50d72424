import { serve } from "inngest/next";
import { functions, inngest } from "@/inngest";

export const dynamic = "force-dynamic";
// long agent steps: the SDK answers within one request per step
export const maxDuration = 800;

export const { GET, POST, PUT } = serve({ client: inngest, functions });
