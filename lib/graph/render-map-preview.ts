import type { BlastRadius, NodeState } from "./schemas";

const NODE_RADIUS = 13;
const PADDING = 40;

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The map as SVG markup: lines for edges (classed by criticality and disagreement), circles
 * filled by state, the origin outlined, labels escaped. Positions are the map layout's own.
 */
export function renderMapPreview(
  data: Pick<BlastRadius, "nodes" | "edges" | "originIds" | "verdict"> & {
    positions: Record<number, { x: number; y: number }>;
  },
  colours: Record<NodeState, string>,
): string {
  const origins = new Set(data.originIds);
  const at = (id: number) => data.positions[id] ?? { x: 0, y: 0 };
  const xs = data.nodes.map((node) => at(node.id).x);
  const ys = data.nodes.map((node) => at(node.id).y);
  const left = Math.min(...xs, 0) - PADDING;
  const top = Math.min(...ys, 0) - PADDING;
  const width = Math.max(...xs, 0) - left + PADDING;
  const height = Math.max(...ys, 0) - top + PADDING;
  const edges = data.edges.map((edge) => {
    const from = at(edge.from);
    const to = at(edge.to);
    const classes = [edge.criticality, edge.disagreement ?? ""].join(" ").trim();
    return `<line x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}" class="${classes}"/>`;
  });
  const nodes = data.nodes.map((node) => {
    const { x, y } = at(node.id);
    const isOrigin = origins.has(node.id);
    const slug = escapeXml(node.slug);
    const label = escapeXml(node.tier === 1 ? `${node.slug} ★` : node.slug);
    return (
      `<g transform="translate(${x} ${y})">` +
      `<circle r="${isOrigin ? NODE_RADIUS + 4 : NODE_RADIUS}" fill="${colours[node.state]}"` +
      `${isOrigin ? ' class="origin"' : ""} data-slug="${slug}" data-state="${node.state}"/>` +
      `<text y="${NODE_RADIUS + 12}">${label}</text></g>`
    );
  });
  return (
    `<svg viewBox="${left} ${top} ${width} ${height}" preserveAspectRatio="xMidYMid meet" ` +
    `role="img" aria-label="${escapeXml(`Blast radius map: ${data.verdict.text}`)}">` +
    `<g>${edges.join("")}</g><g>${nodes.join("")}</g></svg>`
  );
}
