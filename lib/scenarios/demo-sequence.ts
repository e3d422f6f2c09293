import { buildAlertmanagerPayload, type ScenarioAlert } from "./alertmanager-payload";

export type ScenarioDelivery = {
  atOffsetSeconds: number;
  payload: ReturnType<typeof buildAlertmanagerPayload>;
};

/**
 * A small, realistic morning: orders start failing after a deploy, the card processor slows down,
 * and the search index runs low on disk and recovers. Grouped by service, as most teams configure it.
 */
export function buildDemoSequence(now: Date): ScenarioDelivery[] {
  const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000);
  const alert = (
    service: string,
    alertname: string,
    severity: string,
    summary: string,
    startedSecondsAgo: number,
    extra: Partial<ScenarioAlert> = {},
  ): ScenarioAlert => ({
    labels: {
      alertname,
      service,
      severity,
      namespace: "shop",
      team: service.replace(/-service$/, ""),
    },
    annotations: {
      summary,
      runbook_url: `https://runbooks.shop.example.com/${service}#${alertname}`,
    },
    startsAt: at(startedSecondsAgo),
    ...extra,
  });
  const group = (service: string, alerts: ScenarioAlert[]) =>
    buildAlertmanagerPayload(alerts, { groupLabels: { service } });

  return [
    {
      atOffsetSeconds: 0,
      payload: group("order-service", [
        alert(
          "order-service",
          "HighErrorRate",
          "critical",
          "5xx ratio 18% on POST /orders (SLO 0.5%)",
          240,
        ),
        alert(
          "order-service",
          "HighLatencyP99",
          "warning",
          "p99 latency 2.4s on POST /orders",
          200,
        ),
      ]),
    },
    {
      atOffsetSeconds: 1,
      payload: group("payment-provider", [
        alert(
          "payment-provider",
          "UpstreamTimeouts",
          "warning",
          "3.1% of card authorisations time out",
          180,
        ),
      ]),
    },
    {
      atOffsetSeconds: 2,
      payload: group("search-index", [
        alert(
          "search-index",
          "DiskSpaceLow",
          "warning",
          "data volume 91% full on search-index-2",
          900,
        ),
      ]),
    },
    {
      atOffsetSeconds: 3,
      payload: group("order-service", [
        alert(
          "order-service",
          "HighErrorRate",
          "critical",
          "5xx ratio 18% on POST /orders (SLO 0.5%)",
          240,
        ),
        alert(
          "order-service",
          "HighLatencyP99",
          "warning",
          "p99 latency 2.4s on POST /orders",
          200,
        ),
        alert(
          "order-service",
          "PodCrashLooping",
          "critical",
          "order-service-7f9c crash-looping (OOMKilled)",
          60,
        ),
      ]),
    },
    {
      atOffsetSeconds: 4,
      payload: group("search-index", [
        alert(
          "search-index",
          "DiskSpaceLow",
          "warning",
          "data volume 91% full on search-index-2",
          900,
          {
            status: "resolved",
            endsAt: at(30),
          },
        ),
      ]),
    },
  ];
}
