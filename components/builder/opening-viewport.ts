import { NODE_HEIGHT, NODE_WIDTH } from "./layout";

/** The least zoom a graph opens at: node titles and descriptions stay readable (about 10 px text). */
export const OPENING_MIN_ZOOM = 0.7;
/** The most a small graph is magnified when it opens. */
export const OPENING_MAX_ZOOM = 1.2;
/** Space kept between the graph and the canvas edge, in screen pixels. */
const MARGIN = 40;

export interface TViewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * Where the builder opens a graph: the whole graph when it fits at a readable zoom, otherwise
 * at {@link OPENING_MIN_ZOOM} with its start (the top-left of the graph, where the roots are)
 * in view, so people read the first nodes instead of a miniature of all of them.
 *
 * @param nodes node positions (top-left corners) and, when known, measured sizes.
 * @param canvas the canvas' size in screen pixels.
 * @example
 * openingViewport([{ position: { x: 0, y: 0 } }, { position: { x: 3000, y: 0 } }], { width: 900, height: 700 });
 * // { x: 40, y: …, zoom: 0.7 }: the first node at the left edge, readable
 */
export function openingViewport(
  nodes: ReadonlyArray<{ position: { x: number; y: number }; measured?: { width?: number; height?: number } }>,
  canvas: { width: number; height: number },
): TViewport {
  if (nodes.length === 0 || canvas.width <= 0 || canvas.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const left = Math.min(...nodes.map((n) => n.position.x));
  const top = Math.min(...nodes.map((n) => n.position.y));
  const right = Math.max(...nodes.map((n) => n.position.x + (n.measured?.width ?? NODE_WIDTH)));
  const bottom = Math.max(...nodes.map((n) => n.position.y + (n.measured?.height ?? NODE_HEIGHT)));
  const [width, height] = [right - left, bottom - top];
  const fit = Math.min((canvas.width - 2 * MARGIN) / width, (canvas.height - 2 * MARGIN) / height);
  const zoom = Math.min(OPENING_MAX_ZOOM, Math.max(OPENING_MIN_ZOOM, fit));
  // centred along an axis where the graph fits; otherwise its start at the margin
  const along = (start: number, size: number, room: number) =>
    size * zoom <= room - 2 * MARGIN ? (room - size * zoom) / 2 - start * zoom : MARGIN - start * zoom;
  return { x: along(left, width, canvas.width), y: along(top, height, canvas.height), zoom };
}
