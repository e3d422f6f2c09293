import { describe, expect, it } from "vitest";
import { ECOMMERCE_TOPOLOGY } from "../../prisma/seed/ecommerce-topology";
import { loadSeedTopology } from "./load-seed-topology";

describe("loadSeedTopology", () => {
  it("reads the demo shop the seed imports, numbered in catalog order", () => {
    const topology = loadSeedTopology();
    expect(topology.services.map((service) => service.slug)).toEqual(
      ECOMMERCE_TOPOLOGY.services.map((service) => service.slug),
    );
    expect(topology.services.map((service) => service.id)).toEqual(
      topology.services.map((_, index) => index + 1),
    );
    expect(topology.dependencies).toHaveLength(ECOMMERCE_TOPOLOGY.dependencies.length);
    const slugOf = new Map(topology.services.map((service) => [service.id, service.slug]));
    expect(
      topology.dependencies.map((edge) => `${slugOf.get(edge.from)}>${slugOf.get(edge.to)}`),
    ).toContain("order-service>orders-db");
  });

  it("carries the batch jobs the shop's data stores declare in the catalog", () => {
    const topology = loadSeedTopology();
    const scheduled = topology.services.filter((service) => service.schedules.length > 0);
    expect(scheduled.map((service) => service.slug).sort()).toEqual([
      "catalog-db",
      "inventory-db",
      "orders-db",
      "search-index",
    ]);
    expect(topology.services.find((service) => service.slug === "search-index")?.schedules).toEqual(
      [{ name: "nightly-reindex", cron: "0 2 * * *", durationMinutes: 45 }],
    );
  });
});
