import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type APIRequestContext, type Browser, type Page } from "./fixtures";
import { DEMO, DEMO_HEADERS as headers, DEMO_WORKSPACE as WS, SCREENS, signInByApi } from "./helpers";

/**
 * Every screen as a person meets it, with data in it, at 1280×800 and at 1920×1080: a screenshot
 * of each for review (e2e/artifacts/screens/<screen>-<width>x<height>.png), and axe-core's check
 * of each, which finds no serious or critical violation. The shared fixture fails a screen on any
 * console error, failed request or hydration warning, so this is also their tour of the product.
 */
const expect = baseExpect.configure({ timeout: 45_000 });
test.setTimeout(300_000);

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const stamp = Date.now().toString(36);

/** What the screens show: a graph run a few times, a run waiting on a person, a budget. */
interface Data {
  procurementId: string;
  graphId: string;
  waitingRunId: string;
}
let data: Data;

async function startRun(request: APIRequestContext, graphId: string, input: unknown): Promise<string> {
  const res = await request.post(`/api/v1/graphs/${graphId}/runs`, { headers, data: { input } });
  baseExpect([200, 201, 202], await res.text()).toContain(res.status());
  return (await res.json()).runId as string;
}

async function runStatus(request: APIRequestContext, runId: string): Promise<string> {
  return (await (await request.get(`/api/v1/runs/${runId}`, { headers })).json()).status as string;
}

async function createData(browser: Browser): Promise<Data> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInByApi(page, DEMO.email, DEMO.password);
  const { request } = page;
  const graphs = (await (await request.get("/api/v1/graphs", { headers })).json()).graphs as { id: string; name: string }[];
  const procurementId = graphs.find((g) => g.name === "procurement-approval")!.id;

  const created = await request.post("/api/v1/graphs", {
    headers,
    data: {
      name: `quotes-${stamp}`,
      description: "Prices an item for a request",
      customerKey: "{{input.requestId}}",
      nodes: [
        { id: "quote", type: "agent", model: "sim:fast", prompt: "Estimate the price of {{input.item}} for request {{input.requestId}}" },
        { id: "result", type: "output", needs: ["quote"], value: { quote: "{{nodes.quote.output}}" } },
      ],
    },
  });
  baseExpect(created.status(), await created.text()).toBe(201);
  const graphId = (await created.json()).id as string;
  const budget = await request.post("/api/v1/budgets", { headers, data: { name: `Monthly spend ${stamp}`, scope: "workspace", period: "month", limitUsd: "25" } });
  baseExpect(budget.status(), await budget.text()).toBe(201);

  // the procurement demo's run, waiting on its approval (its own request id: the graph runs one at a time per request)
  const graph = await (await request.get(`/api/v1/graphs/${procurementId}`, { headers })).json();
  const example = graph.spec.input.examples[0];
  const waitingRunId = await startRun(request, procurementId, { ...example, requestId: `PR-${stamp}` });
  // finished runs for the costs, forecast, runs and supervision screens
  const items = ["office chairs", "standing desks", "monitor arms", "desk lamps", "whiteboards", "filing cabinets"];
  const finished = await Promise.all(items.map((item, i) => startRun(request, graphId, { item, requestId: `REQ-${stamp}-${i + 1}` })));
  for (const runId of finished) await baseExpect.poll(() => runStatus(request, runId), { timeout: 120_000, intervals: [500, 1000, 2000] }).toBe("succeeded");
  await baseExpect.poll(() => runStatus(request, waitingRunId), { timeout: 120_000, intervals: [1000, 2000] }).toBe("waiting");

  await context.close();
  return { procurementId, graphId, waitingRunId };
}

interface Screen {
  name: string;
  path: () => string;
  /** Signed out (sign-in, sign-up) instead of as the demo owner. */
  anonymous?: boolean;
  /** Waits for the screen's data to be on it. */
  ready: (page: Page) => Promise<void>;
  /** What else must hold on it, at each size. */
  check?: (page: Page) => Promise<void>;
}

/**
 * The demo graph's intake→vendor edge runs between the two nodes' columns: from intake's right
 * side to vendor's left, never looping out to the left of either.
 */
async function expectEdgeBetweenColumns(page: Page, source: string, target: string) {
  const from = (await page.getByTestId(`node-${source}`).boundingBox())!;
  const to = (await page.getByTestId(`node-${target}`).boundingBox())!;
  const edge = (await page.locator(`[data-testid="rf__edge-${source}->${target}"] path.react-flow__edge-path`).boundingBox())!;
  const slack = 6; // the handles sit on the cards' borders
  baseExpect(edge.x, `${source}→${target} starts at ${source}'s right side`).toBeGreaterThanOrEqual(from.x + from.width - slack);
  baseExpect(edge.x + edge.width, `${source}→${target} ends at ${target}'s left side`).toBeLessThanOrEqual(to.x + slack);
}

/**
 * No two x-axis labels of a chart touch: side by side they must not overlap; slanted, the
 * distance between neighbours across the slant is at least a line of text.
 */
async function expectAxisLabelsApart(page: Page, testId: string) {
  const labels = await page
    .getByTestId(testId)
    .locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")
    .evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const angle = Number(/rotate\((-?[\d.]+)/.exec(el.getAttribute("transform") ?? "")?.[1] ?? 0);
        return { text: el.textContent ?? "", left: r.left, right: r.right, fontSize: Number.parseFloat(getComputedStyle(el).fontSize), angle };
      }),
    );
  baseExpect(labels.length).toBeGreaterThan(1);
  for (let i = 1; i < labels.length; i++) {
    const [a, b] = [labels[i - 1]!, labels[i]!];
    if (a.angle === 0) baseExpect(a.right, `"${a.text}" and "${b.text}" overlap`).toBeLessThanOrEqual(b.left);
    else baseExpect((b.right - a.right) * Math.abs(Math.sin((a.angle * Math.PI) / 180)), `"${a.text}" and "${b.text}" overlap`).toBeGreaterThanOrEqual(a.fontSize);
  }
}

const SCREEN_LIST: Screen[] = [
  {
    name: "sign-in",
    anonymous: true,
    path: () => "/login",
    ready: async (page) => {
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    },
  },
  {
    name: "sign-up",
    anonymous: true,
    path: () => "/signup",
    ready: async (page) => {
      await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
    },
  },
  {
    name: "graphs",
    path: () => `/w/${WS}/graphs`,
    ready: async (page) => {
      await expect(page.getByText(`quotes-${stamp}`).first()).toBeVisible();
    },
  },
  {
    name: "builder",
    path: () => `/w/${WS}/graphs/${data.procurementId}`,
    ready: async (page) => {
      await expect(page.getByTestId("node-intake")).toBeVisible();
      await expect(page.getByTestId("node-result")).toBeAttached();
      await expect(page.getByTestId("problems")).toContainText("No problems");
    },
    check: (page) => expectEdgeBetweenColumns(page, "intake", "vendor"),
  },
  {
    name: "runs",
    path: () => `/w/${WS}/runs`,
    ready: async (page) => {
      await expect(page.getByText(`REQ-${stamp}-1`, { exact: true })).toBeVisible();
    },
  },
  {
    name: "run-view",
    path: () => `/w/${WS}/runs/${data.waitingRunId}`,
    ready: async (page) => {
      await expect(page.getByTestId("run-view")).toHaveAttribute("data-run-status", "waiting");
      await expect(page.getByTestId("graph-node-approval")).toHaveAttribute("data-status", "waiting");
    },
  },
  {
    name: "approvals",
    path: () => `/w/${WS}/approvals`,
    ready: async (page) => {
      await expect(page.getByRole("article").first()).toBeVisible();
    },
  },
  {
    name: "costs",
    path: () => `/w/${WS}/costs`,
    ready: async (page) => {
      await expect(page.getByTestId("total-spend")).toContainText("$");
      await expect(page.getByTestId("spend-over-time").locator(".recharts-bar-rectangle").first()).toBeVisible();
      await expect(page.getByTestId("forecast-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
    },
    check: async (page) => {
      await expectAxisLabelsApart(page, "forecast-chart");
      // the chart's numbers, for those who cannot see it
      await expect(page.getByRole("table", { name: /Forecast and actual cost of the latest \d+ finished runs/ })).toBeAttached();
    },
  },
  {
    name: "settings",
    path: () => `/w/${WS}/settings`,
    ready: async (page) => {
      await expect(page.getByRole("tabpanel")).toBeVisible();
    },
  },
  {
    name: "settings-budgets",
    path: () => `/w/${WS}/settings?tab=budgets`,
    ready: async (page) => {
      await expect(page.getByText(`Monthly spend ${stamp}`).first()).toBeVisible();
    },
  },
  {
    name: "audit",
    path: () => `/w/${WS}/audit`,
    ready: async (page) => {
      await expect(page.getByText("run.start").first()).toBeVisible();
    },
  },
  {
    name: "supervision",
    path: () => `/w/${WS}/supervision`,
    ready: async (page) => {
      await expect(page.getByText("sim:fast").first()).toBeVisible();
    },
  },
  {
    name: "schedules",
    path: () => `/w/${WS}/schedules`,
    ready: async (page) => {
      await expect(page.getByTestId(/^schedule-row-/).first()).toBeVisible();
    },
  },
];

/** axe-core's findings on the page as it is now, one line per violation and element. */
async function axeFindings(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const lines = results.violations.flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} — ${n.target.join(" ")}`));
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  return { lines, blocking: blocking.flatMap((v) => v.nodes.map((n) => `${screen}: [${v.impact}] ${v.id}: ${v.help} — ${n.target.join(" ")}\n    ${n.html.slice(0, 200)}`)) };
}

test.describe("every screen", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(300_000);
    data = await createData(browser);
  });

  for (const s of SCREEN_LIST) {
    test(`${s.name}: readable at both sizes, no serious or critical accessibility violation`, async ({ browser }, testInfo) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (!s.anonymous) await signInByApi(page, DEMO.email, DEMO.password);
      const blocking: string[] = [];
      const report: string[] = [];
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto(s.path());
        await s.ready(page);
        // let late queries and chart measurements settle before the picture and the check
        await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
        await s.check?.(page);
        fs.mkdirSync(SCREENS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENS, `${s.name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
        const found = await axeFindings(page, `${s.name} at ${viewport.width}×${viewport.height}`);
        report.push(`${viewport.width}×${viewport.height}: ${found.lines.length} violation(s)`, ...found.lines.map((l) => `  ${l}`));
        blocking.push(...found.blocking);
      }
      await testInfo.attach("axe.txt", { body: report.join("\n"), contentType: "text/plain" });
      baseExpect(blocking, `serious or critical accessibility violations:\n${blocking.join("\n")}`).toEqual([]);
      await context.close();
    });
  }
});

test("the favicon is served, and the sign-in page hydrates without a warning on its first load", async ({ page, browserProblems }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  baseExpect(icon).toBeTruthy();
  for (const url of ["/favicon.ico", icon!]) {
    const res = await page.request.get(url);
    baseExpect(res.status(), url).toBe(200);
    baseExpect(res.headers()["content-type"]).toContain("image/");
  }
  baseExpect(browserProblems.list()).toEqual([]);
});

/** The focused element's outline, as drawn: style and width in pixels. */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return { tag: el?.tagName ?? "", name: el?.getAttribute("name") ?? el?.textContent?.trim() ?? "", style: style?.outlineStyle ?? "none", width: Number.parseFloat(style?.outlineWidth ?? "0") };
  });
}

test("a person signs in and moves around with the keyboard alone, always seeing where the focus is", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("E-mail")).toBeFocused();
  for (const [key, text] of [
    ["E-mail", DEMO.email],
    ["Password", DEMO.password],
  ] as const) {
    await expect(page.getByLabel(key)).toBeFocused();
    const ring = await focusRing(page);
    baseExpect(ring.style, `${key} shows its focus`).not.toBe("none");
    baseExpect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.type(text);
    await page.keyboard.press("Tab");
  }
  await expect(page.getByRole("button", { name: "Sign in" })).toBeFocused();
  baseExpect((await focusRing(page)).style).not.toBe("none");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/w\/[^/]+\//, { timeout: 40_000 });

  // the navigation: each link reached by Tab shows its focus, and Enter follows it
  const runs = page.getByRole("link", { name: "Runs", exact: true });
  for (let i = 0; i < 15 && !(await runs.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
    const ring = await focusRing(page);
    baseExpect(ring.style, `${ring.tag} "${ring.name}" shows its focus`).not.toBe("none");
  }
  await expect(runs).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/w/${WS}/runs`));
  await expect(page.getByRole("heading", { name: "Runs", exact: true })).toBeVisible();
});
