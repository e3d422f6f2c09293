import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/app/_components/require-viewer";
import { toViewerContext } from "@/lib/auth/find-session-user";
import { hasRole } from "@/lib/auth/require-role";
import { formatTimestamp } from "@/lib/format-time";
import { getCalibrationOverview } from "@/lib/scoring/get-calibration-overview";
import { ConfidenceHistogram } from "./confidence-histogram";
import { DriftPanel } from "./drift-panel";
import { MetricsTable } from "./metrics-table";
import { ReliabilityDiagram } from "./reliability-diagram";
import { VersionTable } from "./version-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calibration" };

const day = (iso: string) => iso.slice(0, 10);

/** How honest the root-cause confidence is, on incidents the model never saw (leads). */
export default async function CalibrationPage() {
  const viewer = await requireViewer("/calibration");
  if (viewer.isAnonymous || !hasRole(viewer.role, "lead")) notFound();
  const { versions, promoted, drift } = await getCalibrationOverview(toViewerContext(viewer));
  const shown = promoted ?? versions[0] ?? null;
  return (
    <>
      <h1>Calibration</h1>
      {!shown ? (
        <p className="empty panel" data-testid="no-model">
          No calibrated model yet. Train one from the incident history:{" "}
          <code>faultline model simulate</code> (or confirm root causes on resolved incidents), then{" "}
          <code>faultline model train</code> and <code>faultline model promote ID</code>.
        </p>
      ) : (
        <>
          <p className="subtle" data-testid="shown-version" data-version={shown.id}>
            Model version #{shown.id} {shown.isPromoted ? "(promoted)" : "(not promoted)"}, trained{" "}
            {formatTimestamp(shown.createdAt)} from {shown.source}: {shown.report.calibrator}{" "}
            calibration, λ {shown.report.lambda}. Held out: {shown.report.windows.heldOut.groups}{" "}
            incidents, {day(shown.report.windows.heldOut.from)} to{" "}
            {day(shown.report.windows.heldOut.to)}, never seen in training or calibration.
          </p>
          <div className="calibration-charts">
            <figure className="panel">
              <ReliabilityDiagram
                bins={shown.report.heldOut.calibrated.reliability}
                title="Reliability on held-out incidents, calibrated"
              />
              <figcaption>
                Calibrated, held out: each point is a confidence bin and its count; on the diagonal
                means honest.
              </figcaption>
            </figure>
            <figure className="panel">
              <ReliabilityDiagram
                bins={shown.report.heldOut.uncalibrated.reliability}
                title="Reliability on held-out incidents, before calibration"
              />
              <figcaption>Before calibration, the same incidents.</figcaption>
            </figure>
            <figure className="panel">
              <ConfidenceHistogram counts={shown.report.heldOut.calibrated.histogram} />
              <figcaption>How often each confidence is given (held out, calibrated, %).</figcaption>
            </figure>
          </div>
          <h2>Held-out figures</h2>
          <MetricsTable
            rows={[
              { label: "calibrated", metrics: shown.report.heldOut.calibrated },
              { label: "before calibration", metrics: shown.report.heldOut.uncalibrated },
              { label: "base rate", metrics: shown.report.heldOut.baseRate },
              { label: "baseline ranking", metrics: shown.report.heldOut.baselineRanking },
            ]}
          />
          <h2>Drift since training</h2>
          <DriftPanel drift={drift} heldOut={shown.report.heldOut.calibrated} />
        </>
      )}
      <h2>Model versions</h2>
      <VersionTable
        versions={versions.map((version) => ({
          id: version.id,
          createdAt: version.createdAt.toISOString(),
          source: version.source,
          isPromoted: version.isPromoted,
          metrics: version.report.heldOut.calibrated,
        }))}
      />
    </>
  );
}
