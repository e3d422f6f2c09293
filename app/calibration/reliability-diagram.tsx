import type { TReliabilityBin } from "@/lib/scoring/schemas";

const SIZE = 320;
const PAD = 46;
const PLOT = SIZE - 2 * PAD;
const x = (p: number) => PAD + p * PLOT;
const y = (p: number) => SIZE - PAD - p * PLOT;

/**
 * Predicted confidence against how often it was right, per bin, on held-out incidents: on the
 * diagonal is honest. Each point is labelled with its count; whiskers are its bootstrap interval.
 */
export function ReliabilityDiagram({ bins, title }: { bins: TReliabilityBin[]; title: string }) {
  const filled = bins.filter((bin) => bin.count > 0);
  const path = filled
    .map((bin, i) => `${i === 0 ? "M" : "L"}${x(bin.meanPredicted)},${y(bin.observedRate)}`)
    .join(" ");
  return (
    <svg
      className="reliability"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={title}
      data-testid="reliability-diagram"
    >
      <title>{title}</title>
      <rect x={PAD} y={PAD} width={PLOT} height={PLOT} className="plot-frame" />
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g key={tick}>
          <text x={x(tick)} y={SIZE - PAD + 14} textAnchor="middle" className="tick">
            {Math.round(tick * 100)}%
          </text>
          <text x={PAD - 6} y={y(tick) + 4} textAnchor="end" className="tick">
            {Math.round(tick * 100)}%
          </text>
        </g>
      ))}
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="diagonal" />
      <path d={path} className="curve" />
      {filled.map((bin) => (
        <g
          key={bin.lower}
          data-testid="reliability-bin"
          data-count={bin.count}
          data-predicted={bin.meanPredicted.toFixed(4)}
          data-observed={bin.observedRate.toFixed(4)}
        >
          <line
            x1={x(bin.meanPredicted)}
            x2={x(bin.meanPredicted)}
            y1={y(bin.interval[0])}
            y2={y(bin.interval[1])}
            className="whisker"
          />
          <circle cx={x(bin.meanPredicted)} cy={y(bin.observedRate)} r={4} className="point" />
          <text x={x(bin.meanPredicted) + 6} y={y(bin.observedRate) - 6} className="count">
            {bin.count}
          </text>
        </g>
      ))}
      <text x={SIZE / 2} y={SIZE - 4} textAnchor="middle" className="axis">
        predicted confidence
      </text>
      <text
        x={10}
        y={SIZE / 2}
        textAnchor="middle"
        transform={`rotate(-90 10 ${SIZE / 2})`}
        className="axis"
      >
        right this often
      </text>
    </svg>
  );
}
