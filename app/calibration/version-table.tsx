"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { fetchJson } from "@/app/_components/fetch-json";
import type { TMetrics } from "@/lib/scoring/schemas";

type TVersionRow = {
  id: number;
  createdAt: string;
  source: string;
  isPromoted: boolean;
  metrics: TMetrics;
};

/** The versions side by side, with promote and roll back (leads; both audited). */
export function VersionTable({ versions }: { versions: TVersionRow[] }) {
  const router = useRouter();
  const act = useMutation({
    mutationFn: (url: string) => fetchJson(url, { method: "POST", body: "{}" }),
    onSuccess: () => router.refresh(),
  });
  if (versions.length === 0) return <p className="subtle">None yet.</p>;
  return (
    <>
      <table className="list" data-testid="versions">
        <thead>
          <tr>
            <th>Version</th>
            <th>Trained</th>
            <th>From</th>
            <th className="num">ECE</th>
            <th className="num">Brier</th>
            <th className="num">Log loss</th>
            <th className="num">Top-1</th>
            <th className="num">Top-3</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.id} data-version={version.id}>
              <td>
                #{version.id}{" "}
                {version.isPromoted ? <b className="badge resolved">promoted</b> : null}
              </td>
              <td>{version.createdAt.slice(0, 16).replace("T", " ")}</td>
              <td className="mono">{version.source}</td>
              <td className="num">{version.metrics.eceEqualWidth.toFixed(4)}</td>
              <td className="num">{version.metrics.brier.toFixed(4)}</td>
              <td className="num">{version.metrics.logLoss.toFixed(4)}</td>
              <td className="num">{(version.metrics.top1 * 100).toFixed(1)}%</td>
              <td className="num">{(version.metrics.top3 * 100).toFixed(1)}%</td>
              <td className="controls">
                {version.isPromoted ? null : (
                  <button
                    type="button"
                    disabled={act.isPending}
                    onClick={() => act.mutate(`/api/models/${version.id}/promote`)}
                  >
                    Promote
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="controls">
        <button
          type="button"
          disabled={act.isPending}
          onClick={() => act.mutate("/api/models/rollback")}
        >
          Roll back to the previous version
        </button>
        {act.error ? (
          <span className="error" role="alert">
            {act.error.message}
          </span>
        ) : null}
      </div>
    </>
  );
}
