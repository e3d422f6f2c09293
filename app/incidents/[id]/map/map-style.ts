import type { CytoscapeOptions, StylesheetJson } from "cytoscape";

export const STATE_COLOURS = { red: "#d32f2f", amber: "#f59f00", gray: "#adb5bd" } as const;

const LARGE_MAP_NODES = 120;

export type EdgeLook = { colour: string; width: number; line: "solid" | "dashed" | "dotted" };

const EDGE_BASE: EdgeLook = { colour: "#6c7a8c", width: 1.8, line: "solid" };

/** Edge classes in cascade order: a later class wins where both set something. */
const EDGE_CLASS_LOOKS: [string, Partial<EdgeLook>][] = [
  ["optional", { line: "dashed", width: 1.2 }],
  ["declared-but-unobserved", { line: "dotted", colour: "#b0b8c4" }],
  ["observed-but-undeclared", { colour: "#8e44ad", width: 2.2 }],
];

/** An edge's classes on the map: its criticality, and how declared and observed disagree. */
export function edgeClassesOf(edge: { criticality: string; disagreement?: string | null }): string {
  return [edge.criticality, edge.disagreement ?? ""].filter(Boolean).join(" ");
}

/** How an edge with these classes looks: the same cascade as the stylesheet below. */
export function edgeLookOf(classes: string): EdgeLook {
  const present = new Set(classes.split(" "));
  let look = EDGE_BASE;
  for (const [className, override] of EDGE_CLASS_LOOKS) {
    if (present.has(className)) look = { ...look, ...override };
  }
  return look;
}

/** Nodes coloured by state, the origin outlined; edges drawn by criticality and provenance. */
const MAP_STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "font-size": 11,
      // Labels too small to read when zoomed out are not drawn: big maps stay fast.
      "min-zoomed-font-size": 7,
      "text-valign": "bottom",
      "text-margin-y": 4,
      color: "#1c2430",
      width: 26,
      height: 26,
      "border-width": 1,
      "border-color": "#5d6b7d",
      "background-color": STATE_COLOURS.gray,
    },
  },
  { selector: "node.red", style: { "background-color": STATE_COLOURS.red } },
  { selector: "node.amber", style: { "background-color": STATE_COLOURS.amber } },
  { selector: "node.gray", style: { "background-color": STATE_COLOURS.gray } },
  {
    selector: "node.origin",
    style: { "border-width": 5, "border-color": "#17202c", width: 34, height: 34 },
  },
  { selector: "node:selected", style: { "overlay-opacity": 0.15, "overlay-color": "#2f5bd3" } },
  {
    selector: "edge",
    style: {
      width: EDGE_BASE.width,
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.9,
      "line-color": EDGE_BASE.colour,
      "target-arrow-color": EDGE_BASE.colour,
    },
  },
  ...EDGE_CLASS_LOOKS.map(([className, look]) => ({
    selector: `edge.${className}`,
    style: {
      ...(look.width === undefined ? {} : { width: look.width }),
      ...(look.line === undefined ? {} : { "line-style": look.line }),
      ...(look.colour === undefined
        ? {}
        : { "line-color": look.colour, "target-arrow-color": look.colour }),
    },
  })),
];

/**
 * Style and rendering options for a map of `nodeCount` services. Past LARGE_MAP_NODES the edges
 * are not cytoscape elements at all: cytoscape spends most of a 300-node map's first draw
 * styling, indexing and caching ~900 edges one by one, while a canvas under the nodes strokes
 * them in a few paths (edge-layer.ts). Pan and zoom then move a cached picture of the nodes at
 * one pixel per CSS pixel, so the map stays smooth on a laptop without a GPU.
 */
export function mapRenderingFor(nodeCount: number): {
  options: Pick<CytoscapeOptions, "style" | "textureOnViewport" | "pixelRatio">;
  hasEdgeLayer: boolean;
} {
  if (nodeCount <= LARGE_MAP_NODES) return { options: { style: MAP_STYLE }, hasEdgeLayer: false };
  return {
    options: { style: MAP_STYLE, textureOnViewport: true, pixelRatio: 1 },
    hasEdgeLayer: true,
  };
}
