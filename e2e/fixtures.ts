import { test as base, type BrowserContext, type ConsoleMessage, type Response, type WebError } from "@playwright/test";

export { expect } from "@playwright/test";
export type { APIRequestContext, Browser, BrowserContext, Locator, Page } from "@playwright/test";

/**
 * What went wrong in the browser during a test, besides what the test asserts: console errors,
 * uncaught page errors, responses of 400 and above, and React hydration warnings. Every spec
 * imports `test` from here, so every journey fails on them; a test that causes one on purpose
 * (a wrong password answered 401) says so with `allowResponse`/`allowConsole` first.
 */
export interface BrowserProblems {
  /** A response with this status whose URL matches is expected (e.g. the 401 of a wrong password). */
  allowResponse(status: number, url: RegExp): void;
  /** A console message matching this is expected. */
  allowConsole(text: RegExp): void;
  /** The problems seen so far, one line each. */
  list(): string[];
}

/** React's hydration mismatch, as development builds word it and as production builds number it. */
const HYDRATION = /hydrat|did not match|Minified React error #(418|419|421|422|423|425)\b/i;
/**
 * Chromium's console line for a failed response: the response itself is reported (with its URL,
 * and can be allowed), so the line would only say it twice.
 */
const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of \d+/;

function describeLocation(msg: ConsoleMessage): string {
  const { url, lineNumber } = msg.location();
  return url ? ` (${url}${lineNumber ? `:${lineNumber}` : ""})` : "";
}

export const test = base.extend<{ browserProblems: BrowserProblems }>({
  browserProblems: [
    async ({ context, browser }, use, testInfo) => {
      const problems: string[] = [];
      const allowedResponses: { status: number; url: RegExp }[] = [];
      const allowedConsole: RegExp[] = [];

      const onConsole = (msg: ConsoleMessage) => {
        const text = msg.text();
        const hydration = HYDRATION.test(text);
        if (msg.type() !== "error" && !hydration) return;
        if (FAILED_RESOURCE.test(text) || allowedConsole.some((re) => re.test(text))) return;
        problems.push(`${hydration ? "hydration warning" : "console error"}: ${text}${describeLocation(msg)}`);
      };
      const onPageError = (err: WebError) => {
        const text = String(err.error()?.stack ?? err.error());
        if (allowedConsole.some((re) => re.test(text))) return;
        problems.push(`${HYDRATION.test(text) ? "hydration error" : "uncaught error"}: ${text}`);
      };
      const onResponse = (res: Response) => {
        const status = res.status();
        if (status < 400) return;
        const url = res.url();
        if (allowedResponses.some((a) => a.status === status && a.url.test(url))) return;
        problems.push(`HTTP ${status} ${res.request().method()} ${url}`);
      };
      const watch = (ctx: BrowserContext) => {
        ctx.on("console", onConsole);
        ctx.on("weberror", onPageError);
        ctx.on("response", onResponse);
      };
      watch(context);
      // contexts and pages a test opens itself (a second user, a signed-out visitor) are watched too
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const ctx = await newContext.apply(browser, args);
        watch(ctx);
        return ctx;
      };

      await use({
        allowResponse: (status, url) => void allowedResponses.push({ status, url }),
        allowConsole: (text) => void allowedConsole.push(text),
        list: () => [...problems],
      });

      browser.newContext = newContext;
      if (problems.length) {
        await testInfo.attach("browser-problems.txt", { body: problems.join("\n"), contentType: "text/plain" });
        // a failed test already has its reason; these would bury it
        if (testInfo.status === testInfo.expectedStatus) {
          throw new Error(`The browser reported ${problems.length} problem(s) during the test:\n- ${problems.join("\n- ")}`);
        }
      }
    },
    { auto: true },
  ],
});
