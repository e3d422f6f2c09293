import {
  buildAlertmanagerPayload,
  type ScenarioAlert,
  type ScenarioDelivery,
} from "./alertmanager-payload";

/** A storm alert: where it fires, what it says, and how many seconds after the bad deploy. */
export type StormAlert = {
  service: string;
  alertname: string;
  severity: "critical" | "warning";
  summary: string;
  atOffsetSeconds: number;
  extraLabels?: Record<string, string>;
};

const at = (
  service: string,
  alertname: string,
  severity: StormAlert["severity"],
  atOffsetSeconds: number,
  summary: string,
  extraLabels?: Record<string, string>,
): StormAlert => ({
  service,
  alertname,
  severity,
  summary,
  atOffsetSeconds,
  extraLabels,
});

/**
 * order-service v2.14.0 ships a connection leak. Within three minutes 40 alerts fire on
 * order-service, on what it depends on (orders-db, inventory, payments, kafka and their
 * consumers) and on its callers (checkout, web-frontend, cart, users). Grouping them by
 * alert name would make 30 incidents; by topology they are one.
 */
export const ORDER_SERVICE_STORM: StormAlert[] = [
  at("order-service", "HighErrorRate", "critical", 5, "5xx ratio 18% on POST /orders (SLO 0.5%)", {
    route: "POST /orders",
  }),
  at("order-service", "HighErrorRate", "critical", 12, "5xx ratio 9% on GET /orders/{id}", {
    route: "GET /orders/{id}",
  }),
  at("order-service", "HighLatencyP99", "warning", 14, "p99 latency 2.4s on POST /orders"),
  at("orders-db", "ConnectionsNearLimit", "critical", 20, "orders-db at 97% of max_connections"),
  at("order-service", "ErrorBudgetBurnFast", "critical", 25, "14.4x burn rate over 5m and 1h"),
  at("checkout-service", "HighErrorRate", "critical", 30, "5xx ratio 12% on POST /checkout"),
  at("checkout-service", "CircuitBreakerOpen", "critical", 33, "circuit to order-service open", {
    target: "order-service",
  }),
  at("web-frontend", "HighErrorRate", "critical", 38, "5xx ratio 6% on /checkout", {
    route: "/checkout",
  }),
  at("orders-db", "SlowQueries", "warning", 40, "p95 query time 1.8s"),
  at("order-service", "PodCrashLooping", "critical", 45, "order-service-7f9c-a OOMKilled", {
    pod: "order-service-7f9c-a",
  }),
  at("order-service", "PodCrashLooping", "critical", 48, "order-service-7f9c-b OOMKilled", {
    pod: "order-service-7f9c-b",
  }),
  at(
    "inventory-service",
    "HighRequestRate",
    "warning",
    50,
    "3.2x normal request rate (client retries)",
  ),
  at("checkout-service", "HighLatencyP99", "warning", 52, "p99 latency 4.1s on POST /checkout"),
  at(
    "web-frontend",
    "SyntheticCheckFailing",
    "critical",
    60,
    "checkout-flow probe failing from 3 regions",
    { probe: "checkout-flow" },
  ),
  at("order-service", "KafkaProduceErrors", "warning", 62, "1.2% of order events fail to publish"),
  at("orders-db", "LockWaitsHigh", "warning", 65, "lock waits 340/s on orders table"),
  at("payment-service", "HighLatencyP99", "warning", 70, "p99 latency 1.9s on authorize"),
  at("inventory-service", "HighLatencyP99", "warning", 72, "p99 latency 1.2s on reserve"),
  at("order-service", "PodCrashLooping", "critical", 75, "order-service-7f9c-c OOMKilled", {
    pod: "order-service-7f9c-c",
  }),
  at("kafka", "ConsumerLagHigh", "warning", 80, "email-service lag 48k on orders topic", {
    consumer_group: "email-service",
  }),
  at("web-frontend", "HighLatencyP99", "warning", 85, "p99 page latency 5.2s on /checkout"),
  at("cart-service", "HighLatencyP99", "warning", 90, "p99 latency 900ms (checkout retries)"),
  at(
    "order-service",
    "DeploymentReplicasUnavailable",
    "warning",
    95,
    "2 of 6 replicas unavailable",
  ),
  at("checkout-service", "ErrorBudgetBurnFast", "critical", 100, "14.4x burn rate over 5m and 1h"),
  at("inventory-db", "HighCPU", "warning", 105, "inventory-db CPU 91%"),
  at("kafka", "ConsumerLagHigh", "warning", 110, "shipping-service lag 31k on orders topic", {
    consumer_group: "shipping-service",
  }),
  at("email-service", "QueueBacklog", "warning", 115, "order confirmation backlog 48k"),
  at("web-frontend", "SyntheticCheckFailing", "critical", 118, "order-history probe failing", {
    probe: "order-history",
  }),
  at("inventory-service", "ThreadPoolSaturated", "warning", 120, "reserve pool 100% busy"),
  at(
    "checkout-service",
    "PodRestarts",
    "warning",
    125,
    "checkout-service-5d8-x restarted 3 times",
    { pod: "checkout-service-5d8-x" },
  ),
  at(
    "payment-service",
    "AuthorizationsDropped",
    "warning",
    130,
    "authorisations down 35% vs last week",
  ),
  at("user-service", "HighLatencyP99", "warning", 135, "p99 latency 700ms on session lookup"),
  at("shipping-service", "KafkaConsumerLag", "warning", 140, "shipping label jobs 30k behind"),
  at("order-service", "PodCrashLooping", "critical", 145, "order-service-7f9c-d OOMKilled", {
    pod: "order-service-7f9c-d",
  }),
  at("web-frontend", "ApdexLow", "warning", 150, "Apdex 0.61 on checkout pages"),
  at(
    "checkout-service",
    "PodRestarts",
    "warning",
    155,
    "checkout-service-5d8-y restarted 2 times",
    { pod: "checkout-service-5d8-y" },
  ),
  at("web-frontend", "HighErrorRate", "critical", 160, "5xx ratio 4% on /account/orders", {
    route: "/account/orders",
  }),
  at("cart-service", "RedisTimeouts", "warning", 165, "0.8% of cart reads time out"),
  at("shipping-service", "QuoteErrors", "warning", 170, "4% of shipping quotes fail"),
  at(
    "checkout-service",
    "HighLatencyP99",
    "warning",
    178,
    "p99 latency 3.3s on GET /checkout/summary",
    { route: "GET /checkout/summary" },
  ),
];

/** Two alerts that have nothing to do with the deploy and must stay incidents of their own. */
export const UNRELATED_DURING_STORM: StormAlert[] = [
  at("search-index", "DiskSpaceLow", "warning", 35, "data volume 91% full on search-index-2"),
  at(
    "load-balancer",
    "TLSCertificateExpiringSoon",
    "warning",
    140,
    "shop.example.com certificate expires in 6 days",
  ),
];

export function toScenarioAlert(alert: StormAlert, start: Date): ScenarioAlert {
  return {
    labels: {
      alertname: alert.alertname,
      service: alert.service,
      severity: alert.severity,
      namespace: "shop",
      ...alert.extraLabels,
    },
    annotations: {
      summary: alert.summary,
      runbook_url: `https://runbooks.shop.example.com/${alert.service}#${alert.alertname}`,
    },
    startsAt: new Date(start.getTime() + alert.atOffsetSeconds * 1000),
  };
}

/**
 * The storm as Alertmanager sends it, grouped by service: each time an alert fires, its group's
 * notification carries every alert of that group firing so far.
 */
export function buildStormDeliveries(
  start: Date,
  alerts = [...ORDER_SERVICE_STORM, ...UNRELATED_DURING_STORM],
): ScenarioDelivery[] {
  const ordered = [...alerts].sort((a, b) => a.atOffsetSeconds - b.atOffsetSeconds);
  const firingByService = new Map<string, ScenarioAlert[]>();
  return ordered.map((alert) => {
    const group = [...(firingByService.get(alert.service) ?? []), toScenarioAlert(alert, start)];
    firingByService.set(alert.service, group);
    return {
      atOffsetSeconds: alert.atOffsetSeconds,
      payload: buildAlertmanagerPayload(group, { groupLabels: { service: alert.service } }),
    };
  });
}
