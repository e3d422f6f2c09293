import type { Core } from "cytoscape";
import { type StrokeEdge, type StrokeNode, traceEdgeStrokes } from "@/lib/graph/trace-edge-strokes";
import { edgeClassesOf, edgeLookOf } from "./map-style";

/** A dependency as the blast-radius and catalog payloads carry it. */
export type LayerEdge = {
  from: number;
  to: number;
  criticality: string;
  disagreement?: string | null;
};

export type EdgeLayer = {
  /** Replaces the edges drawn (a refresh may change their classes) and redraws. */
  setEdges(edges: LayerEdge[]): void;
  remove(): void;
};

const DASHES = { solid: [], dashed: [6, 4], dotted: [2, 3] } as const;

/**
 * A canvas under cytoscape's own that draws a large map's edges, repainted whenever cytoscape
 * renders a frame, so edges follow every pan, zoom and dragged node. Call before cytoscape()
 * so the canvas comes first in the container and paints beneath the nodes.
 */
export function createEdgeLayer(container: HTMLElement): EdgeLayer & { attach(cy: Core): void } {
  const canvas = document.createElement("canvas");
  canvas.className = "map-edge-layer";
  container.prepend(canvas);
  const context = canvas.getContext("2d");
  let edges: StrokeEdge[] = [];
  let cy: Core | null = null;

  const draw = () => {
    if (!cy || !context) return;
    const width = container.clientWidth;
    const height = container.clientHeight;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    context.clearRect(0, 0, width, height);
    const nodes = new Map<string, StrokeNode>();
    for (const node of cy.nodes()) {
      const { x, y } = node.position();
      nodes.set(node.id(), { x, y, radius: node.outerWidth() / 2 });
    }
    const zoom = cy.zoom();
    const strokes = traceEdgeStrokes(edges, (id) => nodes.get(id), { zoom, pan: cy.pan() });
    for (const [classes, { lines, arrows }] of strokes) {
      const look = edgeLookOf(classes);
      context.strokeStyle = look.colour;
      context.fillStyle = look.colour;
      context.lineWidth = look.width * zoom;
      context.setLineDash(DASHES[look.line].map((length) => length * zoom));
      context.beginPath();
      for (let at = 0; at < lines.length; at += 4) {
        context.moveTo(lines[at] ?? 0, lines[at + 1] ?? 0);
        context.lineTo(lines[at + 2] ?? 0, lines[at + 3] ?? 0);
      }
      context.stroke();
      context.beginPath();
      for (let at = 0; at < arrows.length; at += 6) {
        context.moveTo(arrows[at] ?? 0, arrows[at + 1] ?? 0);
        context.lineTo(arrows[at + 2] ?? 0, arrows[at + 3] ?? 0);
        context.lineTo(arrows[at + 4] ?? 0, arrows[at + 5] ?? 0);
        context.closePath();
      }
      context.fill();
    }
  };

  return {
    attach(instance) {
      cy = instance;
      // Registered before any other render listener: the edges are down when "drawn" is marked.
      cy.on("render", draw);
    },
    setEdges(next) {
      edges = next.map((edge) => ({
        source: String(edge.from),
        target: String(edge.to),
        look: edgeClassesOf(edge),
      }));
      draw();
    },
    remove() {
      cy?.off("render", draw);
      canvas.remove();
    },
  };
}
