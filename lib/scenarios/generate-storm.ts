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
 * alerts. Sent as Alertmanager would: grouped by service, once per group interval, at most
 * `maxAlertsPerDelivery` alerts each.
 */
export function generateStorm(options: {
  alertCount: number;
  start: Date;
  spreadSeconds?: number;
  maxAlertsPerDelivery?: number;
  groupIntervalSeconds?: number;
}): GeneratedStorm {
  const spread = options.spreadSeconds ?? 180;
  const perDelivery = options.maxAlertsPerDelivery ?? 50;
  const groupIntervalSeconds = options.groupIntervalSeconds ?? 5;
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

  // Alertmanager sends a group's new alerts once per group interval: batch by service and window.
  const deliveries: ScenarioDelivery[] = [];
  const batches = new Map<
    string,
    { service: string; atOffsetSeconds: number; alerts: ScenarioAlert[] }
  >();
  for (const alert of alerts) {
    const window = Math.floor(alert.atOffsetSeconds / groupIntervalSeconds);
    const key = `${window}|${alert.service}`;
    let batch = batches.get(key);
    if (!batch || batch.alerts.length >= perDelivery) {
      if (batch) deliveries.push(toDelivery(batch));
      batch = {
        service: alert.service,
        atOffsetSeconds: (window + 1) * groupIntervalSeconds,
        alerts: [],
      };
      batches.set(key, batch);
    }
    batch.alerts.push(toScenarioAlert(alert, options.start));
  }
  for (const batch of batches.values()) deliveries.push(toDelivery(batch));
  deliveries.sort((a, b) => a.atOffsetSeconds - b.atOffsetSeconds);
  return { deliveries, alertCount: alerts.length };
}

function toDelivery(batch: {
  service: string;
  atOffsetSeconds: number;
  alerts: ScenarioAlert[];
}): ScenarioDelivery {
  return {
    atOffsetSeconds: batch.atOffsetSeconds,
    payload: buildAlertmanagerPayload(batch.alerts, { groupLabels: { service: batch.service } }),
  };
}
