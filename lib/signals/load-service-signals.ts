import { ZServiceMetadata } from "../catalog/schemas";
import { getPrisma } from "../db";
import type { Severity } from "../generated/prisma/enums";
import type { ServiceSignals } from "../graph/schemas";
import { compareSeverity } from "../ingest/map-labels";
import { judgeSample } from "./is-sample-elevated";
import { queryPrometheusValue } from "./query-prometheus";
import { SIGNAL_FRESHNESS_MINUTES } from "./schemas";

const clean = (): ServiceSignals => ({
  firingAlertSeverity: null,
  firingAlertCount: 0,
  isHealthCheckFailing: false,
  isErrorRateElevated: false,
  isLatencyElevated: false,
});

/**
 * What is known right now about each service's health: its firing alerts (any incident),
 * its freshest pushed samples, and, where a service names one, its Prometheus.
 */
export async function loadServiceSignals(
  serviceIds: number[],
  now = new Date(),
): Promise<Map<number, ServiceSignals>> {
  const prisma = await getPrisma();
  const signals = new Map<number, ServiceSignals>();
  const signalsOf = (serviceId: number) => {
    let entry = signals.get(serviceId);
    if (!entry) {
      entry = clean();
      signals.set(serviceId, entry);
    }
    return entry;
  };
  if (serviceIds.length === 0) return signals;

  const firing = await prisma.alert.groupBy({
    by: ["serviceId", "severity"],
    where: { status: "firing", serviceId: { in: serviceIds } },
    _count: { _all: true },
  });
  for (const group of firing) {
    const entry = signalsOf(group.serviceId);
    entry.firingAlertCount += group._count._all;
    entry.firingAlertSeverity = higher(entry.firingAlertSeverity, group.severity);
  }

  const since = new Date(now.getTime() - SIGNAL_FRESHNESS_MINUTES * 60_000);
  const samples = await prisma.$queryRawUnsafe<
    { service_id: number; metric: string; is_elevated: boolean }[]
  >(
    `SELECT DISTINCT ON (service_id, metric) service_id, metric::text AS metric, is_elevated
     FROM signal_samples
     WHERE at >= $1::timestamptz AND service_id IN (SELECT jsonb_array_elements_text($2::jsonb)::int)
     ORDER BY service_id, metric, at DESC`,
    since.toISOString(),
    JSON.stringify(serviceIds),
  );
  for (const sample of samples)
    applySample(signalsOf(sample.service_id), sample.metric, sample.is_elevated);

  const withPrometheus = (
    await prisma.service.findMany({
      where: { id: { in: serviceIds } },
      select: { id: true, metadata: true },
    })
  ).filter((service) => ZServiceMetadata.safeParse(service.metadata).data?.prometheus);
  await Promise.all(
    withPrometheus.map(async (service) => {
      const metadata = ZServiceMetadata.safeParse(service.metadata).data;
      const prometheus = metadata?.prometheus;
      if (!prometheus) return;
      const entry = signalsOf(service.id);
      for (const [metric, query] of [
        ["error_rate", prometheus.errorRateQuery],
        ["latency_p99_ms", prometheus.latencyP99MsQuery],
      ] as const) {
        if (!query) continue;
        const value = await queryPrometheusValue(prometheus.url, query, now.getTime());
        if (value !== null)
          applySample(
            entry,
            metric,
            judgeSample(metric, value, undefined, metadata?.thresholds).isElevated,
          );
      }
    }),
  );
  return signals;
}

function applySample(entry: ServiceSignals, metric: string, isElevated: boolean): void {
  if (!isElevated) return;
  if (metric === "error_rate") entry.isErrorRateElevated = true;
  else if (metric === "latency_p99_ms") entry.isLatencyElevated = true;
  else if (metric === "health") entry.isHealthCheckFailing = true;
}

function higher(current: Severity | null, next: Severity): Severity {
  return current === null || compareSeverity(next, current) > 0 ? next : current;
}
