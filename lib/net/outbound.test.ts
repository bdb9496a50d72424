import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkAddress, findOutboundBlocked, OutboundBlockedError, outboundFetch, parseOutboundAllow } from "./outbound";

describe("checkAddress", () => {
  const none = parseOutboundAllow(undefined);
  it("lets public addresses through", () => {
    expect(() => checkAddress("example.com", 443, "93.184.215.14", none)).not.toThrow();
    expect(() => checkAddress("example.com", 443, "2606:2800:21f:cb07:6820:80da:af6b:8b2c", none)).not.toThrow();
  });
  it.each(["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1"])(
    "refuses %s and says how to allow it",
    (ip) => {
      expect(() => checkAddress("internal.example", 8080, ip, none)).toThrow(OutboundBlockedError);
      expect(() => checkAddress("internal.example", 8080, ip, none)).toThrow(/SWITCHYARD_OUTBOUND_ALLOW \(for example "internal.example:8080"\)/);
    },
  );
  it("allows what the deployment lists: everything, ranges, addresses, hosts, host:port", () => {
    expect(() => checkAddress("a", 80, "10.0.0.1", parseOutboundAllow("*"))).not.toThrow();
    const p = parseOutboundAllow(" 10.0.0.0/8 , 192.168.1.5, vendor.internal, 127.0.0.1:8390, fd00::/8 ");
    expect(() => checkAddress("x", 80, "10.9.9.9", p)).not.toThrow();
    expect(() => checkAddress("x", 80, "192.168.1.5", p)).not.toThrow();
    expect(() => checkAddress("x", 80, "192.168.1.6", p)).toThrow(OutboundBlockedError);
    expect(() => checkAddress("Vendor.Internal", 9999, "172.16.0.9", p)).not.toThrow();
    expect(() => checkAddress("127.0.0.1", 8390, "127.0.0.1", p)).not.toThrow();
    expect(() => checkAddress("127.0.0.1", 8391, "127.0.0.1", p)).toThrow(OutboundBlockedError);
    expect(() => checkAddress("x", 80, "fd12::1", p)).not.toThrow();
  });
});

describe("outboundFetch", () => {
  let target: http.Server;
  let redirector: http.Server;
  let targetPort = 0;
  let redirectPort = 0;
  let hits = 0;
  const saved = process.env.SWITCHYARD_OUTBOUND_ALLOW;
  beforeAll(async () => {
    target = http.createServer((_req, res) => {
      hits++;
      res.end("secret");
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", () => r()));
    targetPort = (target.address() as AddressInfo).port;
    redirector = http.createServer((req, res) => {
      res.writeHead(302, { location: req.url === "/by-name" ? `http://localhost:${targetPort}/` : `http://127.0.0.1:${targetPort}/` });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", () => r()));
    redirectPort = (redirector.address() as AddressInfo).port;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SWITCHYARD_OUTBOUND_ALLOW;
    else process.env.SWITCHYARD_OUTBOUND_ALLOW = saved;
  });
  afterAll(() => {
    target.close();
    redirector.close();
  });

  it("refuses a loopback address by default, before sending anything", async () => {
    delete process.env.SWITCHYARD_OUTBOUND_ALLOW;
    const before = hits;
    await expect(outboundFetch(`http://127.0.0.1:${targetPort}/`)).rejects.toThrow(OutboundBlockedError);
    // by name: the check runs on what the name resolves to
    await expect(outboundFetch(`http://localhost:${targetPort}/`)).rejects.toThrow(OutboundBlockedError);
    expect(hits).toBe(before);
  });

  it("reaches an allowed host:port", async () => {
    process.env.SWITCHYARD_OUTBOUND_ALLOW = `127.0.0.1:${targetPort}`;
    const res = await outboundFetch(`http://127.0.0.1:${targetPort}/`);
    expect(await res.text()).toBe("secret");
  });

  it("checks every redirect hop: an allowed host cannot bounce the call elsewhere", async () => {
    process.env.SWITCHYARD_OUTBOUND_ALLOW = `127.0.0.1:${redirectPort}`;
    const before = hits;
    await expect(outboundFetch(`http://127.0.0.1:${redirectPort}/`)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(outboundFetch(`http://127.0.0.1:${redirectPort}/by-name`)).rejects.toThrow(OutboundBlockedError);
    expect(hits).toBe(before);
    process.env.SWITCHYARD_OUTBOUND_ALLOW = `127.0.0.1:${redirectPort},127.0.0.1:${targetPort},localhost:${targetPort}`;
    expect(await (await outboundFetch(`http://127.0.0.1:${redirectPort}/by-name`)).text()).toBe("secret");
  });

  it("refuses schemes other than http(s)", async () => {
    await expect(outboundFetch("file:///etc/passwd")).rejects.toThrow(/Only http and https/);
  });
});

describe("webhook purpose", () => {
  const saved = { allow: process.env.SWITCHYARD_OUTBOUND_ALLOW, hooks: process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS };
  afterEach(() => {
    for (const [k, v] of [["SWITCHYARD_OUTBOUND_ALLOW", saved.allow], ["SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS", saved.hooks]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  it("SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1 allows every address for webhooks and nothing else", () => {
    process.env.SWITCHYARD_OUTBOUND_ALLOW = "";
    process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS = "1";
    expect(() => checkAddress("hooks.internal", 80, "10.0.0.5", undefined, "webhook")).not.toThrow();
    expect(() => checkAddress("hooks.internal", 80, "10.0.0.5")).toThrow(/SWITCHYARD_OUTBOUND_ALLOW/);
    delete process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS;
    expect(() => checkAddress("hooks.internal", 80, "10.0.0.5", undefined, "webhook")).toThrow(/SWITCHYARD_OUTBOUND_ALLOW.*SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1/);
  });
  it("finds a refusal however deeply a client library wrapped it", () => {
    const blocked = new OutboundBlockedError("no");
    expect(findOutboundBlocked(new Error("outer", { cause: new Error("mid", { cause: blocked }) }))).toBe(blocked);
    expect(findOutboundBlocked(new Error("plain"))).toBeUndefined();
    expect(blocked).toMatchObject({ status: 403, retryable: false, code: "outbound_blocked" });
  });
});
