// Test fixture: a plain candidate to override field by field.
import type { TCandidate } from "./schemas";

export function testCandidate(overrides: Partial<TCandidate> = {}): TCandidate {
  return {
    serviceId: 1,
    slug: "orders-db",
    tier: 1,
    state: "red",
    alertCount: 3,
    errorRate: 0.12,
    latencyP99Ms: 850,
    isOrigin: false,
    hopDistance: 1,
    redDependents: 3,
    isSharedDependency: true,
    change: null,
    priorIncidents: 2,
    priorConfirmedSimilar: 1,
    schedules: [],
    ...overrides,
  };
}
