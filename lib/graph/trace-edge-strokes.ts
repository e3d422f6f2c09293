export type Point = { x: number; y: number };
export type StrokeEdge = { source: string; target: string; look: string };
export type StrokeNode = Point & { radius: number };
export type Viewport = { zoom: number; pan: Point };
/** Flat screen coordinates: lines as [x1, y1, x2, y2, …], arrows as [tipX, tipY, leftX, leftY, rightX, rightY, …]. */
export type EdgeStrokes = { lines: number[]; arrows: number[] };

// In model units, scaled with the zoom like everything else on the map.
export const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4.5;

/**
 * Where to draw each edge on screen: a straight line from the caller's centre to the rim of the
 * dependency, ending in a triangle that touches the rim. Edges are grouped by look, so a canvas
 * strokes each group as one path instead of styling a thousand elements one by one.
 */
export function traceEdgeStrokes(
  edges: StrokeEdge[],
  nodeOf: (id: string) => StrokeNode | undefined,
  { zoom, pan }: Viewport,
): Map<string, EdgeStrokes> {
  const strokes = new Map<string, EdgeStrokes>();
  for (const edge of edges) {
    const from = nodeOf(edge.source);
    const to = nodeOf(edge.target);
    if (!from || !to) continue;
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy);
    // Overlapping services have no visible edge between them.
    if (length <= to.radius + ARROW_LENGTH) continue;
    const ux = dx / length;
    const uy = dy / length;
    const tipX = to.x - ux * to.radius;
    const tipY = to.y - uy * to.radius;
    const baseX = tipX - ux * ARROW_LENGTH;
    const baseY = tipY - uy * ARROW_LENGTH;
    const screenX = (x: number) => x * zoom + pan.x;
    const screenY = (y: number) => y * zoom + pan.y;
    let group = strokes.get(edge.look);
    if (!group) {
      group = { lines: [], arrows: [] };
      strokes.set(edge.look, group);
    }
    group.lines.push(screenX(from.x), screenY(from.y), screenX(baseX), screenY(baseY));
    group.arrows.push(
      screenX(tipX),
      screenY(tipY),
      screenX(baseX - uy * ARROW_HALF_WIDTH),
      screenY(baseY + ux * ARROW_HALF_WIDTH),
      screenX(baseX + uy * ARROW_HALF_WIDTH),
      screenY(baseY - ux * ARROW_HALF_WIDTH),
    );
  }
  return strokes;
}
