import { describe, expect, it } from "vitest";
import { getGraphTemplate } from "@/lib/graphs/templates";
import { NODE_WIDTH } from "./layout";
import { OPENING_MIN_ZOOM, openingViewport } from "./opening-viewport";

/** The builder's canvas at 1280×800: the window minus the navigation, palette and inspector. */
const CANVAS_1280 = { width: 1280 - 224 - 208 - 320, height: 800 - 56 - 48 };

describe("openingViewport", () => {
  it("opens a wide template readable, with its first node in view", () => {
    const nodes = getGraphTemplate("procurement-approval")!.spec.nodes.map((n) => ({ position: n.position! }));
    const view = openingViewport(nodes, CANVAS_1280);
    expect(view.zoom).toBeGreaterThanOrEqual(OPENING_MIN_ZOOM);
    // the intake node (x 0) starts inside the canvas, at the left margin
    const intake = { left: 0 * view.zoom + view.x, right: NODE_WIDTH * view.zoom + view.x };
    expect(intake.left).toBeGreaterThanOrEqual(0);
    expect(intake.right).toBeLessThanOrEqual(CANVAS_1280.width);
  });

  it("shows a small graph whole and centred, without magnifying it past 120 %", () => {
    const view = openingViewport([{ position: { x: 100, y: 100 } }, { position: { x: 400, y: 100 } }], { width: 1000, height: 600 });
    expect(view.zoom).toBe(1.2);
    const centre = ((100 + 400 + NODE_WIDTH) / 2) * view.zoom + view.x;
    expect(centre).toBeCloseTo(500);
  });

  it("opens an empty graph at 100 %", () => {
    expect(openingViewport([], { width: 800, height: 600 })).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
