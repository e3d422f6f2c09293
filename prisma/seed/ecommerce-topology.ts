import type {
  BusinessFlowInput,
  CatalogSnapshot,
  DependencyInput,
  ServiceInput,
  TFailureMode,
} from "../../lib/catalog/schemas";

// The demo shop: an edge from -> to means "from depends on to". Public services depend on the
// redundant gateway pair (each edge optional, since either gateway suffices), which sit behind
// one load balancer.

const RUNBOOKS = "https://runbooks.shop.example.com";
const HEALTH = "http://{slug}.shop.svc.cluster.local:8080/healthz";

function service(
  slug: string,
  name: string,
  tier: 1 | 2 | 3 | 4,
  owner: string,
  onCall: string,
  metadata: Record<string, unknown> = {},
): ServiceInput {
  const failureModes = FAILURE_MODES[slug];
  return {
    slug,
    name,
    tier,
    owner,
    onCall,
    runbookUrl: `${RUNBOOKS}/${slug}`,
    healthEndpoint: HEALTH.replace("{slug}", slug),
    metadata: {
      kind: "service",
      ...metadata,
      dashboards: [
        { title: `${name} overview`, url: `https://grafana.shop.example.com/d/${slug}` },
      ],
      ...(failureModes ? { failureModes } : {}),
    },
  };
}

const mode = (
  symptom: string,
  likelyCause: string,
  check: string,
  remediation: string,
  escalation: string,
): TFailureMode => ({
  symptom,
  likelyCause,
  check,
  remediation,
  escalation,
});

// What the teams wrote down after past incidents; shown when an alert matches the symptom.
const FAILURE_MODES: Record<string, TFailureMode[]> = {
  "order-service": [
    mode(
      "High error rate on order creation",
      "A bad deploy, or orders-db connection pool exhaustion",
      "Compare error rate with the last deploy time; check orders-db connections",
      "Roll back to the previous revision; raise the pool only if the deploy is clean",
      "#oncall-orders, then the orders-team lead",
    ),
    mode(
      "Pods crash looping (OOMKilled)",
      "Memory leak in a new revision",
      "kubectl describe pod: last state OOMKilled? started after a deploy?",
      "Roll back the deployment",
      "#oncall-orders",
    ),
  ],
  "payment-service": [
    mode(
      "High latency on authorize",
      "Card processor slow or timing out",
      "payment-provider status page and its timeout alerts",
      "Enable the provider failover flag",
      "#oncall-payments",
    ),
  ],
  "orders-db": [
    mode(
      "Connections near limit",
      "A client leaking connections, usually order-service after a deploy",
      "pg_stat_activity grouped by application_name",
      "Roll back the leaking client; terminate idle-in-transaction sessions",
      "#oncall-orders, then the DBA on call",
    ),
  ],
  "api-gateway-1": [
    mode(
      "Upstream 5xx errors across routes",
      "Gateway misconfiguration or the load balancer's health checks",
      "Gateway config version; 5xx split by upstream",
      "Revert the last gateway config change",
      "#oncall-platform",
    ),
  ],
  "api-gateway-2": [
    mode(
      "Upstream 5xx errors across routes",
      "Gateway misconfiguration or the load balancer's health checks",
      "Gateway config version; 5xx split by upstream",
      "Revert the last gateway config change",
      "#oncall-platform",
    ),
  ],
  kafka: [
    mode(
      "Consumer lag high",
      "A consumer is slow or stopped, or a producer floods a topic",
      "Lag per consumer group and topic",
      "Scale the lagging consumer; find the producer burst",
      "#oncall-platform",
    ),
  ],
  "web-frontend": [
    mode(
      "Synthetic checkout check failing",
      "Any service on the checkout path",
      "Which step of the probe fails",
      "Follow the failing step's service",
      "#oncall-web",
    ),
  ],
  "checkout-service": [
    mode(
      "Circuit breaker open",
      "A dependency (usually order-service or payment-service) failing",
      "Which breaker is open",
      "Fix the dependency; do not force the breaker closed",
      "#oncall-checkout",
    ),
  ],
};

const services: ServiceInput[] = [
  service("load-balancer", "Edge load balancer", 1, "platform-team", "#oncall-platform", {
    kind: "infrastructure",
  }),
  service("api-gateway-1", "API gateway (zone a)", 1, "platform-team", "#oncall-platform", {
    kind: "gateway",
  }),
  service("api-gateway-2", "API gateway (zone b)", 1, "platform-team", "#oncall-platform", {
    kind: "gateway",
  }),
  service("web-frontend", "Web storefront", 1, "web-team", "#oncall-web"),
  service("checkout-service", "Checkout", 1, "checkout-team", "#oncall-checkout"),
  service("order-service", "Orders", 1, "orders-team", "#oncall-orders"),
  service("payment-service", "Payments", 1, "payments-team", "#oncall-payments"),
  service("inventory-service", "Inventory", 1, "fulfillment-team", "#oncall-fulfillment"),
  service("user-service", "Accounts and sessions", 1, "identity-team", "#oncall-identity"),
  service("cart-service", "Shopping cart", 2, "checkout-team", "#oncall-checkout"),
  service("catalog-service", "Product catalog", 2, "catalog-team", "#oncall-catalog"),
  service("search-service", "Product search", 2, "catalog-team", "#oncall-catalog"),
  service(
    "shipping-service",
    "Shipping quotes and labels",
    2,
    "fulfillment-team",
    "#oncall-fulfillment",
  ),
  service("recommendation-service", "Recommendations", 3, "discovery-team", "#oncall-discovery"),
  service("email-service", "Transactional email", 3, "messaging-team", "#oncall-messaging"),
  service("orders-db", "Orders database (PostgreSQL)", 1, "orders-team", "#oncall-orders", {
    kind: "database",
    schedules: [{ name: "nightly-order-archive", cron: "0 3 * * *", durationMinutes: 40 }],
  }),
  service("payments-db", "Payments database (PostgreSQL)", 1, "payments-team", "#oncall-payments", {
    kind: "database",
  }),
  service(
    "inventory-db",
    "Inventory database (PostgreSQL)",
    1,
    "fulfillment-team",
    "#oncall-fulfillment",
    {
      kind: "database",
      schedules: [{ name: "stock-reconciliation", cron: "30 1 * * *", durationMinutes: 60 }],
    },
  ),
  service("users-db", "Users database (PostgreSQL)", 1, "identity-team", "#oncall-identity", {
    kind: "database",
  }),
  service("catalog-db", "Catalog database (PostgreSQL)", 2, "catalog-team", "#oncall-catalog", {
    kind: "database",
  }),
  service("search-index", "Search index (OpenSearch)", 2, "catalog-team", "#oncall-catalog", {
    kind: "database",
    schedules: [{ name: "nightly-reindex", cron: "0 2 * * *", durationMinutes: 45 }],
  }),
  service("redis-cache", "Shared cache (Redis)", 2, "platform-team", "#oncall-platform", {
    kind: "cache",
  }),
  service("kafka", "Event broker (Kafka)", 1, "platform-team", "#oncall-platform", {
    kind: "broker",
  }),
  service("payment-provider", "Card processor (external)", 1, "payments-team", "#oncall-payments", {
    kind: "external",
  }),
  service(
    "shipping-carrier-api",
    "Carrier API (external)",
    2,
    "fulfillment-team",
    "#oncall-fulfillment",
    {
      kind: "external",
    },
  ),
];

const sync = (
  from: string,
  to: string,
  criticality: "critical" | "optional" = "critical",
): DependencyInput => ({
  from,
  to,
  kind: "sync",
  criticality,
});
const data = (
  from: string,
  to: string,
  criticality: "critical" | "optional" = "critical",
): DependencyInput => ({
  from,
  to,
  kind: "data",
  criticality,
});
const async = (
  from: string,
  to: string,
  criticality: "critical" | "optional" = "critical",
): DependencyInput => ({
  from,
  to,
  kind: "async",
  criticality,
});

const PUBLIC_SERVICES = [
  "web-frontend",
  "checkout-service",
  "order-service",
  "inventory-service",
  "cart-service",
  "catalog-service",
  "search-service",
  "user-service",
];

const dependencies: DependencyInput[] = [
  // Ingress: each public service is reachable through either gateway; both sit behind the balancer.
  ...PUBLIC_SERVICES.flatMap((slug) => [
    sync(slug, "api-gateway-1", "optional"),
    sync(slug, "api-gateway-2", "optional"),
  ]),
  sync("api-gateway-1", "load-balancer"),
  sync("api-gateway-2", "load-balancer"),
  // Storefront.
  sync("web-frontend", "catalog-service"),
  sync("web-frontend", "cart-service"),
  sync("web-frontend", "order-service"),
  sync("web-frontend", "user-service"),
  sync("web-frontend", "search-service", "optional"),
  sync("web-frontend", "recommendation-service", "optional"),
  // Checkout and orders.
  sync("checkout-service", "cart-service"),
  sync("checkout-service", "order-service"),
  sync("checkout-service", "payment-service"),
  sync("checkout-service", "shipping-service"),
  sync("checkout-service", "user-service"),
  sync("order-service", "inventory-service"),
  sync("order-service", "payment-service"),
  data("order-service", "orders-db"),
  async("order-service", "kafka"),
  data("order-service", "redis-cache", "optional"),
  sync("payment-service", "payment-provider"),
  data("payment-service", "payments-db"),
  data("inventory-service", "inventory-db"),
  data("inventory-service", "redis-cache", "optional"),
  data("user-service", "users-db"),
  data("user-service", "redis-cache", "optional"),
  data("cart-service", "redis-cache"),
  data("catalog-service", "catalog-db"),
  data("catalog-service", "redis-cache", "optional"),
  data("search-service", "search-index"),
  sync("search-service", "catalog-service", "optional"),
  sync("recommendation-service", "catalog-service"),
  sync("shipping-service", "shipping-carrier-api"),
  async("shipping-service", "kafka", "optional"),
  async("email-service", "kafka"),
];

const flow = (
  uniqueId: string,
  name: string,
  serviceSlugs: string[],
  businessImpact: string,
  degradedBehavior: string,
  customerCommunication: string,
  sla: string,
): BusinessFlowInput => ({
  uniqueId,
  name,
  description: null,
  serviceSlugs,
  businessImpact,
  degradedBehavior,
  customerCommunication,
  sla,
});

const flows: BusinessFlowInput[] = [
  flow(
    "checkout",
    "Checkout",
    [
      "web-frontend",
      "checkout-service",
      "cart-service",
      "order-service",
      "inventory-service",
      "payment-service",
      "payment-provider",
    ],
    "Customers cannot pay: about 4,000 EUR of orders per minute at peak",
    "Orders queue in the cart; customers see 'try again later' at payment",
    "Status page: 'Checkout degraded', posted within 15 minutes",
    "99.95% of checkouts succeed, monthly",
  ),
  flow(
    "browse",
    "Browse and search products",
    [
      "web-frontend",
      "catalog-service",
      "catalog-db",
      "search-service",
      "search-index",
      "recommendation-service",
    ],
    "Customers cannot find products; conversion drops",
    "Search falls back to category pages; recommendations disappear",
    "None unless browsing fails for more than 30 minutes",
    "99.9% of page loads under 1 s",
  ),
  flow(
    "fulfilment",
    "Order fulfilment",
    ["order-service", "kafka", "shipping-service", "shipping-carrier-api", "email-service"],
    "Paid orders are not shipped or confirmed; support tickets rise within the hour",
    "Labels and confirmation emails are delayed, nothing is lost (events wait in Kafka)",
    "Email customers if shipping is delayed by more than 4 hours",
    "95% of orders ship the same day",
  ),
];

export const ECOMMERCE_TOPOLOGY: CatalogSnapshot = {
  source: "seed:ecommerce",
  services,
  dependencies,
  flows,
};
