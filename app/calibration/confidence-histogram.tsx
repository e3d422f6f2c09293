/** How often the model says each confidence (10 bins): a model that always says 10% is useless. */
export function ConfidenceHistogram({ counts }: { counts: number[] }) {
  const width = 320;
  const height = 120;
  const max = Math.max(1, ...counts);
  const barWidth = (width - 20) / Math.max(1, counts.length);
  return (
    <svg
      className="histogram"
      viewBox={`0 0 ${width} ${height + 20}`}
      role="img"
      aria-label="Confidence histogram"
      data-testid="confidence-histogram"
    >
      <title>Confidence histogram</title>
      {counts.map((count, i) => {
        const barHeight = (count / max) * height;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional and fixed
          <g key={i} data-count={count}>
            <rect
              x={10 + i * barWidth + 1}
              y={height - barHeight}
              width={barWidth - 2}
              height={barHeight}
              className="bar"
            />
            <text
              x={10 + (i + 0.5) * barWidth}
              y={height + 14}
              textAnchor="middle"
              className="tick"
            >
              {i * 10}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
