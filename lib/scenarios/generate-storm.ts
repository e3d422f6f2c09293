import {
  buildAlertmanagerPayload,
  type ScenarioAlert,
  type ScenarioDelivery,
} from "./alertmanager-payload";
import {
  ORDER_SERVICE_STORM,
  type StormAlert,
  toScenarioAlert,
  UNRELATED_DURING_STORM,
} from "./order-service-storm";

export type GeneratedStorm = { deliveries: ScenarioDelivery[]; alertCount: number };

/**
 * The order-service storm at any size: `alertCount` alerts on the storm's services (each an
 * instance of one of its 40 alert rules), spread over `spreadSeconds`, plus the two unrelated
 * alerts. Sent as Alertmanager would: grouped by service, at most `maxAlertsPerDelivery` each.
 */
export function generateStorm(options: {
  alertCount: number;
  start: Date;
  spreadSeconds?: number;
  maxAlertsPerDelivery?: number;
}): GeneratedStorm {
  const spread = options.spreadSeconds ?? 180;
  const perDelivery = options.maxAlertsPerDelivery ?? 50;
  const alerts: StormAlert[] = [];
  for (let i = 0; i < options.alertCount; i++) {
    const rule = ORDER_SERVICE_STORM[i % ORDER_SERVICE_STORM.length] as StormAlert;
    const instance = Math.floor(i / ORDER_SERVICE_STORM.length);
    alerts.push({
      ...rule,
      atOffsetSeconds: Math.round((i / Math.max(1, options.alertCount)) * spread),
      extraLabels: { ...rule.extraLabels, instance: `${rule.service}-${instance}` },
    });
  }
  alerts.push(...UNRELATED_DURING_STORM);
  alerts.sort((a, b) => a.atOffsetSeconds - b.atOffsetSeconds);

  // Consecutive alerts of one service travel together, as Alertmanager batches a group.
  const deliveries: ScenarioDelivery[] = [];
  let batch: { service: string; atOffsetSeconds: number; alerts: ScenarioAlert[] } | null = null;
  const flush = () => {
    if (!batch) return;
    deliveries.push({
      atOffsetSeconds: batch.atOffsetSeconds,
      payload: buildAlertmanagerPayload(batch.alerts, { groupLabels: { service: batch.service } }),
    });
    batch = null;
  };
  for (const alert of alerts) {
    if (!batch || batch.service !== alert.service || batch.alerts.length >= perDelivery) {
      flush();
      batch = { service: alert.service, atOffsetSeconds: alert.atOffsetSeconds, alerts: [] };
    }
    batch.alerts.push(toScenarioAlert(alert, options.start));
  }
  flush();
  return { deliveries, alertCount: alerts.length };
}
