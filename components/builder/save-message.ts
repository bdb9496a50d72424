import { z } from "zod";

/** The version message, checked as the API's `ZSaveGraphRequestSchema.message` does (trimmed, ≤ 500). */
export const ZSaveMessage = z.string().trim().max(500, { error: "A version message is at most 500 characters." });
