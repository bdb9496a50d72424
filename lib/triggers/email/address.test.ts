import { describe, expect, it } from "vitest";
import { defaultAddress, inboundLocalPart, MAX_LOCAL_PART, routeRecipient } from "./address";

describe("e-mail trigger addresses", () => {
  it("defaults to the graph's name and the trigger's id, fitting the local-part limit with the workspace prefix", () => {
    expect(defaultAddress("acme", "Procurement approval", "email")).toBe("procurement-approval-email");
    expect(defaultAddress("acme", "Ünïcode & Co!", "Support_2")).toBe("unicode-co-support-2");
    const long = defaultAddress("a-rather-long-workspace-slug", "x".repeat(200), "inbox");
    expect(inboundLocalPart("a-rather-long-workspace-slug", long).length).toBeLessThanOrEqual(MAX_LOCAL_PART);
    expect(long.endsWith("-inbox")).toBe(true);
    expect(defaultAddress("acme", "!!!", "email")).toBe("email");
  });

  it("routes a recipient by its local part without a +tag, case-insensitively, only on our domain", () => {
    expect(routeRecipient("Acme.Procurement+PR-7@Mail.Example.com", "mail.example.com")).toEqual({ localPart: "acme.procurement", tag: "PR-7", local: true });
    expect(routeRecipient("<acme.support@mail.example.com>", "mail.example.com")).toEqual({ localPart: "acme.support", tag: null, local: true });
    expect(routeRecipient("acme.support@elsewhere.example", "mail.example.com")?.local).toBe(false);
    expect(routeRecipient("no-at-sign", "mail.example.com")).toBeNull();
    expect(routeRecipient("@mail.example.com", "mail.example.com")).toBeNull();
  });
});
