/**
 * Browser-side calls to the REST API (`/api/v1`), the same endpoints programs
 * use: the UI has no second code path. The workspace is named by header.
 */
export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
  /** field → message, for forms */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.issues.map((i) => [i.path, i.message]));
  }
}

/** Sent on the window when the person signs out (components/shell/live-updates.tsx closes its stream). */
export const SIGNING_OUT_EVENT = "switchyard:signing-out";
let signingOut = false;

/**
 * The person is signing out: from here on this page sends no more API requests. A read started
 * meanwhile (a poll, or a re-read a live update asked for) would reach the server after the
 * session ended and be refused with 401, for a page that is going away. The sign-in page is a
 * new page load, so it starts afresh.
 */
export function stopRequestsForSignOut(): void {
  signingOut = true;
  if (typeof window !== "undefined") window.dispatchEvent(new Event(SIGNING_OUT_EVENT));
}

export async function api<T>(path: string, opts: { method?: string; body?: unknown; workspace?: string } = {}): Promise<T> {
  if (signingOut) throw new ApiError(0, "Signing out.", "signing_out");
  const res = await fetch(path, {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    headers: {
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(opts.workspace ? { "x-workspace": opts.workspace } : {}),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, `The server answered ${res.status} with something that is not JSON.`, "bad_response");
  }
  if (!res.ok) {
    const body = (data ?? {}) as { error?: string; code?: string; issues?: ApiIssue[] };
    throw new ApiError(res.status, body.error ?? `Request failed (${res.status}).`, body.code ?? "error", body.issues ?? []);
  }
  return data as T;
}
