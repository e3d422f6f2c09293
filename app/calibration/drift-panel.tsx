import type { TDrift } from "@/lib/scoring/compute-drift";
import type { TMetrics } from "@/lib/scoring/schemas";

const LABELS = {
  eceEqualWidth: "ECE",
  brier: "Brier",
  logLoss: "Log loss",
  top1: "Top-1",
} as const;

/** The promoted model on incidents confirmed since its held-out window, against held out. */
export function DriftPanel({ drift, heldOut }: { drift: TDrift | null; heldOut: TMetrics }) {
  if (!drift)
    return (
      <p className="subtle" data-testid="drift-empty">
        Fewer than 5 incidents with a confirmed root cause since the held-out window: no drift
        figures yet.
      </p>
    );
  return (
    <table className="list" data-testid="drift">
      <thead>
        <tr>
          <th>Figure</th>
          <th className="num">Held out</th>
          <th className="num">Since {drift.since.slice(0, 10)}</th>
          <th className="num">95% interval</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((key) => (
          <tr key={key} data-flagged={drift.flagged.includes(key)}>
            <td>{LABELS[key]}</td>
            <td className="num">{heldOut[key].toFixed(4)}</td>
            <td className="num">{drift.metrics[key].toFixed(4)}</td>
            <td className="num">
              {drift.intervals[key][0].toFixed(4)} – {drift.intervals[key][1].toFixed(4)}
            </td>
            <td>{drift.flagged.includes(key) ? <b className="error">worse: retrain</b> : "ok"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
