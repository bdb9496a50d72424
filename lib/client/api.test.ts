import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe("api() when the person signs out", () => {
  it("sends requests until then, none after, and tells the page so its live stream closes", async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true }), { status: 200, headers: { "content-type": "application/json" } }));
    const target = new EventTarget();
    const heard: string[] = [];
    vi.stubGlobal("fetch", fetchMock);
    vi.stubGlobal("window", target);
    const { api, stopRequestsForSignOut, SIGNING_OUT_EVENT } = await import("./api");
    target.addEventListener(SIGNING_OUT_EVENT, () => heard.push("signing out"));

    await expect(api("/api/v1/approvals?status=pending")).resolves.toEqual({ ok: true });
    expect(fetchMock).toHaveBeenCalledTimes(1);

    stopRequestsForSignOut();
    expect(heard).toEqual(["signing out"]);
    await expect(api("/api/v1/approvals?status=pending")).rejects.toMatchObject({ code: "signing_out" });
    await expect(api("/api/v1/runs", { body: {} })).rejects.toMatchObject({ code: "signing_out" });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
