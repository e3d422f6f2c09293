import type { TMetrics } from "@/lib/scoring/schemas";

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const num = (value: number) => value.toFixed(4);

/** The report's figures, one row per forecaster, as `faultline model report` prints them. */
export function MetricsTable({ rows }: { rows: { label: string; metrics: TMetrics }[] }) {
  return (
    <table className="list metrics" data-testid="metrics-table">
      <thead>
        <tr>
          <th>Forecaster</th>
          <th className="num">ECE (width)</th>
          <th className="num">ECE (mass)</th>
          <th className="num">MCE</th>
          <th className="num">Brier</th>
          <th className="num">Log loss</th>
          <th className="num">Top-1</th>
          <th className="num">Top-3</th>
          <th className="num">Incidents</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ label, metrics }) => (
          <tr key={label} data-forecaster={label}>
            <td>{label}</td>
            <td className="num" data-metric="eceEqualWidth">
              {num(metrics.eceEqualWidth)}
            </td>
            <td className="num" data-metric="eceEqualMass">
              {num(metrics.eceEqualMass)}
            </td>
            <td className="num">{num(metrics.mce)}</td>
            <td className="num" data-metric="brier">
              {num(metrics.brier)}
            </td>
            <td className="num" data-metric="logLoss">
              {num(metrics.logLoss)}
            </td>
            <td className="num" data-metric="top1">
              {pct(metrics.top1)}
            </td>
            <td className="num">{pct(metrics.top3)}</td>
            <td className="num">{metrics.groups}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
