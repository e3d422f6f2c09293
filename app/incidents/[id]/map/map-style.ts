import type { StylesheetJson } from "cytoscape";

export const STATE_COLOURS = { red: "#d32f2f", amber: "#f59f00", gray: "#adb5bd" } as const;

const LARGE_MAP_NODES = 120;

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
      width: 1.8,
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.9,
      "line-color": "#6c7a8c",
      "target-arrow-color": "#6c7a8c",
    },
  },
  { selector: "edge.optional", style: { "line-style": "dashed", width: 1.2 } },
  {
    selector: "edge.declared-but-unobserved",
    style: { "line-style": "dotted", "line-color": "#b0b8c4", "target-arrow-color": "#b0b8c4" },
  },
  {
    selector: "edge.observed-but-undeclared",
    style: { "line-color": "#8e44ad", "target-arrow-color": "#8e44ad", width: 2.2 },
  },
];

/** Straight edges are much cheaper to lay out than bezier curves, and at this size read as well. */
const LARGE_MAP_STYLE: StylesheetJson = [
  ...MAP_STYLE,
  { selector: "edge", style: { "curve-style": "straight" } },
];

/**
 * Style and rendering options for a map of `nodeCount` services. Past LARGE_MAP_NODES, edges are
 * straight and pan and zoom move a cached picture at one pixel per CSS pixel, so a 300-node map
 * stays smooth on a laptop without a GPU.
 */
export function mapRenderingFor(nodeCount: number) {
  if (nodeCount <= LARGE_MAP_NODES) return { style: MAP_STYLE };
  return {
    style: LARGE_MAP_STYLE,
    textureOnViewport: true,
    hideEdgesOnViewport: true,
    pixelRatio: 1,
  };
}
