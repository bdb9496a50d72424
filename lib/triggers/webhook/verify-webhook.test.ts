import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { hmacSignature, verifyWebhookDelivery } from "./verify-webhook";
import { newWebhookSecret, previousSecretOf } from "./webhook-secret";

const raw = (s: string) => Buffer.from(s, "utf8");
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(401);
    return (err as AppError).message;
  }
  throw new Error("expected a refusal");
};

describe("Standard Webhooks verification", () => {
  const secret = newWebhookSecret();
  const body = '{"a":"é"}';
  const signed = (key: string, at = new Date(), id = "msg_1") => new Headers({ "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(key).sign(id, at, body) });

  it("accepts the package's own signature over the UTF-8 body and returns the webhook id", () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(verifyWebhookDelivery(undefined, [secret], raw(body), signed(secret))).toBe("msg_1");
    expect(verifyWebhookDelivery({ mode: "standard" }, [secret], raw(body), signed(secret))).toBe("msg_1");
  });

  it("accepts any of the valid secrets, and any of several signatures in the header", () => {
    const old = newWebhookSecret();
    expect(verifyWebhookDelivery(undefined, [secret, old], raw(body), signed(old))).toBe("msg_1");
    const at = new Date();
    const both = signed(secret, at);
    both.set("webhook-signature", `v1,bm9wZQ== ${both.get("webhook-signature")}`);
    expect(verifyWebhookDelivery(undefined, [secret], raw(body), both)).toBe("msg_1");
  });

  it("refuses another secret, a changed body, missing headers and timestamps outside 5 minutes, saying which", () => {
    expect(refusal(() => verifyWebhookDelivery(undefined, [newWebhookSecret()], raw(body), signed(secret)))).toMatch(/no v1 signature matches/);
    expect(refusal(() => verifyWebhookDelivery(undefined, [secret], raw('{"a":"e"}'), signed(secret)))).toMatch(/no v1 signature matches/);
    expect(refusal(() => verifyWebhookDelivery(undefined, [secret], raw(body), new Headers()))).toMatch(/webhook-id, webhook-timestamp, webhook-signature headers are missing/);
    expect(refusal(() => verifyWebhookDelivery(undefined, [secret], raw(body), signed(secret, new Date(Date.now() - 301_000))))).toMatch(/outside the 5-minute window/);
    expect(refusal(() => verifyWebhookDelivery(undefined, [secret], raw(body), signed(secret, new Date(Date.now() + 301_000))))).toMatch(/outside the 5-minute window/);
    const h = signed(secret);
    h.set("webhook-timestamp", "soon");
    expect(refusal(() => verifyWebhookDelivery(undefined, [secret], raw(body), h))).toMatch(/not a number/);
    expect(refusal(() => verifyWebhookDelivery(undefined, [], raw(body), signed(secret)))).toMatch(/no v1 signature matches/);
  });
});

describe("plain HMAC verification", () => {
  const secret = "s3cret";
  const body = raw('{"ref":"main"}');

  it("checks GitHub's x-hub-signature-256 (sha256=<hex>) over the raw bytes", () => {
    const verify = { mode: "hmac" as const, header: "X-Hub-Signature-256", prefix: "sha256=" };
    const good = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    expect(verifyWebhookDelivery(verify, [secret], body, new Headers({ "x-hub-signature-256": good }))).toBeNull();
    expect(verifyWebhookDelivery(verify, [secret], body, new Headers({ "x-hub-signature-256": good.toUpperCase().replace("SHA256=", "sha256=") }))).toBeNull();
    expect(refusal(() => verifyWebhookDelivery(verify, [secret], raw('{"ref": "main"}'), new Headers({ "x-hub-signature-256": good })))).toMatch(/does not match/);
    expect(refusal(() => verifyWebhookDelivery(verify, [secret], body, new Headers({ "x-hub-signature-256": good.slice(7) })))).toMatch(/does not start with/);
    expect(refusal(() => verifyWebhookDelivery(verify, [secret], body, new Headers({ "x-hub-signature-256": "sha256=abc" })))).toMatch(/not hex/);
    expect(refusal(() => verifyWebhookDelivery(verify, [secret], body, new Headers({ "x-hub-signature-256": `${good}00` })))).toMatch(/does not match/);
  });

  it("honours the algorithm and encoding (sha1 and sha512, base64)", () => {
    for (const algorithm of ["sha1", "sha512"] as const) {
      const verify = { mode: "hmac" as const, header: "x-sig", algorithm, encoding: "base64" as const };
      const sig = hmacSignature(secret, body, verify);
      expect(sig).toBe(createHmac(algorithm, secret).update(body).digest("base64"));
      expect(verifyWebhookDelivery(verify, [secret], body, new Headers({ "x-sig": sig }))).toBeNull();
      // the same MAC under another algorithm is refused
      expect(refusal(() => verifyWebhookDelivery({ ...verify, algorithm: algorithm === "sha1" ? "sha512" : "sha1" }, [secret], body, new Headers({ "x-sig": sig })))).toMatch(/does not match/);
    }
  });
});

describe("the previous secret", () => {
  it("counts only within its grace period", () => {
    const state = { previousSecret: { enc: "v1.x.y.z", validUntil: "2026-12-03T12:00:00.000Z" } };
    expect(previousSecretOf(state, new Date("2026-12-03T11:59:59Z"))).toEqual(state.previousSecret);
    expect(previousSecretOf(state, new Date("2026-12-03T12:00:00Z"))).toBeNull();
    expect(previousSecretOf(null)).toBeNull();
    expect(previousSecretOf({ previousSecret: null })).toBeNull();
  });
});
