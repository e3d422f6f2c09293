import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { computeDrift, type TDrift } from "./compute-drift";
import { listModelVersions } from "./list-model-versions";
import { loadTrainingRows } from "./load-training-rows";
import type { TModelVersion } from "./schemas";

export type TCalibrationOverview = {
  versions: TModelVersion[];
  promoted: TModelVersion | null;
  /** The promoted version on incidents confirmed since its held-out window; null if too few. */
  drift: TDrift | null;
};

/** What the calibration page and `faultline model report` show a platform lead. */
export async function getCalibrationOverview(context: TAuthContext): Promise<TCalibrationOverview> {
  requireRole(context, "lead", "see the calibration reports");
  const versions = await listModelVersions();
  const promoted = versions.find((version) => version.isPromoted) ?? null;
  if (!promoted) return { versions, promoted, drift: null };
  const since = promoted.report.windows.heldOut.to;
  const rows = (await loadTrainingRows({ since: new Date(since) })).filter(
    (row) => row.time > Date.parse(since),
  );
  const drift = computeDrift({
    parameters: promoted.parameters,
    heldOut: promoted.report.heldOut.calibrated,
    rows,
    since,
  });
  return { versions, promoted, drift };
}
