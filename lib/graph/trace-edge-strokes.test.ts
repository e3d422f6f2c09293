import { describe, expect, it } from "vitest";
import { ARROW_LENGTH, type StrokeNode, traceEdgeStrokes } from "./trace-edge-strokes";

const nodes = new Map<string, StrokeNode>([
  ["caller", { x: 0, y: 0, radius: 13 }],
  ["callee", { x: 100, y: 0, radius: 13 }],
  ["below", { x: 0, y: 200, radius: 20 }],
  ["on-top", { x: 5, y: 0, radius: 13 }],
]);
const nodeOf = (id: string) => nodes.get(id);
const still = { zoom: 1, pan: { x: 0, y: 0 } };

describe("traceEdgeStrokes", () => {
  it("runs from the caller's centre to an arrow touching the dependency's rim", () => {
    const strokes = traceEdgeStrokes(
      [{ source: "caller", target: "callee", look: "critical" }],
      nodeOf,
      still,
    );
    const { lines, arrows } = strokes.get("critical") ?? { lines: [], arrows: [] };
    expect(lines).toEqual([0, 0, 100 - 13 - ARROW_LENGTH, 0]);
    expect(arrows.slice(0, 2)).toEqual([87, 0]);
    // The triangle's base is square to the edge, centred on where the line stops.
    expect(arrows[2]).toBeCloseTo(78);
    expect(arrows[4]).toBeCloseTo(78);
    expect(((arrows[3] ?? 0) + (arrows[5] ?? 0)) / 2).toBeCloseTo(0);
    expect(Math.abs((arrows[3] ?? 0) - (arrows[5] ?? 0))).toBeCloseTo(9);
  });

  it("follows the viewport's zoom and pan, and points whichever way the edge goes", () => {
    const strokes = traceEdgeStrokes(
      [{ source: "below", target: "caller", look: "optional" }],
      nodeOf,
      { zoom: 0.5, pan: { x: 10, y: 20 } },
    );
    const { lines, arrows } = strokes.get("optional") ?? { lines: [], arrows: [] };
    expect(lines).toEqual([10, 120, 10, 20 + (13 + ARROW_LENGTH) * 0.5]);
    expect(arrows.slice(0, 2)).toEqual([10, 20 + 13 * 0.5]);
  });

  it("groups edges by look and skips edges it cannot draw", () => {
    const strokes = traceEdgeStrokes(
      [
        { source: "caller", target: "callee", look: "critical" },
        { source: "callee", target: "caller", look: "critical" },
        { source: "caller", target: "below", look: "optional observed-but-undeclared" },
        { source: "caller", target: "on-top", look: "critical" },
        { source: "caller", target: "not-on-the-map", look: "critical" },
      ],
      nodeOf,
      still,
    );
    expect([...strokes.keys()]).toEqual(["critical", "optional observed-but-undeclared"]);
    expect(strokes.get("critical")?.lines).toHaveLength(8);
    expect(strokes.get("critical")?.arrows).toHaveLength(12);
    expect(strokes.get("optional observed-but-undeclared")?.lines).toHaveLength(4);
  });
});
