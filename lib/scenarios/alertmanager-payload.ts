import { fingerprintLabels } from "../ingest/map-labels";

/** An alert as a scenario describes it; the payload builder fills in the Alertmanager details. */
export type ScenarioAlert = {
  labels: Record<string, string> & { alertname: string };
  annotations?: Record<string, string>;
  startsAt: Date;
  endsAt?: Date;
  status?: "firing" | "resolved";
};

/** Builds an Alertmanager v4 webhook body the way Alertmanager itself groups and sends it. */
export function buildAlertmanagerPayload(
  alerts: ScenarioAlert[],
  options: { groupLabels: Record<string, string>; receiver?: string; externalURL?: string },
) {
  const status = alerts.some((alert) => (alert.status ?? "firing") === "firing")
    ? "firing"
    : "resolved";
  const receiver = options.receiver ?? "faultline";
  return {
    version: "4",
    groupKey: `{}:{${Object.entries(options.groupLabels)
      .map(([key, value]) => `${key}="${value}"`)
      .join(", ")}}`,
    truncatedAlerts: 0,
    status,
    receiver,
    groupLabels: options.groupLabels,
    commonLabels: commonEntries(alerts.map((alert) => alert.labels)),
    commonAnnotations: commonEntries(alerts.map((alert) => alert.annotations ?? {})),
    externalURL: options.externalURL ?? "http://alertmanager.shop.example.com:9093",
    alerts: alerts.map((alert) => ({
      status: alert.status ?? "firing",
      labels: alert.labels,
      annotations: alert.annotations ?? {},
      startsAt: alert.startsAt.toISOString(),
      endsAt: alert.endsAt?.toISOString() ?? "0001-01-01T00:00:00Z",
      generatorURL: `http://prometheus.shop.example.com:9090/graph?g0.expr=${encodeURIComponent(alert.labels.alertname)}`,
      fingerprint: fingerprintLabels(alert.labels),
    })),
  };
}

function commonEntries(sets: Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first).filter(([key, value]) => rest.every((set) => set[key] === value)),
  );
}

/** One webhook delivery of a scenario, `atOffsetSeconds` after the scenario starts. */
export type ScenarioDelivery = {
  atOffsetSeconds: number;
  payload: ReturnType<typeof buildAlertmanagerPayload>;
};
