import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { STATE_COLOURS } from "./map-style";

const NODE_RADIUS = 13;
const PADDING = 40;
// Marks, for bench/map-render.ts, the first frame after the browser has parsed the picture.
const PAINT_MARK_SCRIPT =
  'requestAnimationFrame(function(){performance.mark("faultline:map-preview")})';

/**
 * The map as a plain picture in the page's HTML, with the same positions and colours: a responder
 * sees what is red before any script has loaded. The interactive map replaces it once drawn.
 */
export function MapPreview({ data }: { data: IncidentBlastRadius }) {
  const origins = new Set(data.originIds);
  const at = (id: number) => data.positions[id] ?? { x: 0, y: 0 };
  const points = data.nodes.map((node) => at(node.id));
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const left = Math.min(...xs, 0) - PADDING;
  const top = Math.min(...ys, 0) - PADDING;
  const width = Math.max(...xs, 0) - left + PADDING;
  const height = Math.max(...ys, 0) - top + PADDING;
  return (
    <>
      <svg
        className="map-preview"
        viewBox={`${left} ${top} ${width} ${height}`}
        preserveAspectRatio="xMidYMid meet"
        role="img"
        aria-label={`Blast radius map: ${data.verdict.text}`}
        data-testid="map-preview"
      >
        <g>
          {data.edges.map((edge) => (
            <line
              key={`${edge.from}->${edge.to}`}
              x1={at(edge.from).x}
              y1={at(edge.from).y}
              x2={at(edge.to).x}
              y2={at(edge.to).y}
              className={[edge.criticality, edge.disagreement ?? ""].join(" ").trim()}
            />
          ))}
        </g>
        <g>
          {data.nodes.map((node) => (
            <g key={node.id} transform={`translate(${at(node.id).x} ${at(node.id).y})`}>
              <circle
                r={origins.has(node.id) ? NODE_RADIUS + 4 : NODE_RADIUS}
                fill={STATE_COLOURS[node.state]}
                className={origins.has(node.id) ? "origin" : undefined}
                data-state={node.state}
              />
              <text y={NODE_RADIUS + 12}>{node.tier === 1 ? `${node.slug} ★` : node.slug}</text>
            </g>
          ))}
        </g>
      </svg>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant, for the paint mark */}
      <script dangerouslySetInnerHTML={{ __html: PAINT_MARK_SCRIPT }} />
    </>
  );
}
