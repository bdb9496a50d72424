import { afterEach, describe, expect, it } from "vitest";
import { otlpTracesConfig } from "../env";

const VARS = [
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
  "OTEL_EXPORTER_OTLP_HEADERS",
  "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
  "OTEL_EXPORTER_OTLP_TIMEOUT",
  "OTEL_SERVICE_NAME",
];
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));

function set(vars: Record<string, string>) {
  for (const k of VARS) delete process.env[k];
  Object.assign(process.env, vars);
}

afterEach(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("the OTLP export's configuration (the standard variables)", () => {
  it("is off when no endpoint is set", () => {
    set({ OTEL_EXPORTER_OTLP_HEADERS: "authorization=x" });
    expect(otlpTracesConfig()).toBeNull();
  });
  it("appends /v1/traces to the base endpoint; the traces endpoint is used as it is", () => {
    set({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" });
    expect(otlpTracesConfig()).toEqual({ url: "http://collector:4318/v1/traces", headers: {}, serviceName: "switchyard", timeoutMs: 10_000 });
    set({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://cloud.langfuse.com/api/public/otel/v1/traces" });
    expect(otlpTracesConfig()?.url).toBe("https://cloud.langfuse.com/api/public/otel/v1/traces");
  });
  it("reads URL-encoded key=value headers, the service name and the timeout", () => {
    set({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318",
      OTEL_EXPORTER_OTLP_HEADERS: "authorization=Basic%20cGs6c2s%3D, x-honeycomb-team = abc ,bad",
      OTEL_SERVICE_NAME: "sy-prod",
      OTEL_EXPORTER_OTLP_TIMEOUT: "2500",
    });
    expect(otlpTracesConfig()).toMatchObject({ headers: { authorization: "Basic cGs6c2s=", "x-honeycomb-team": "abc" }, serviceName: "sy-prod", timeoutMs: 2500 });
  });
  it("names the variable when the endpoint is not a URL", () => {
    set({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318 " });
    expect(() => otlpTracesConfig()).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/);
  });
});
