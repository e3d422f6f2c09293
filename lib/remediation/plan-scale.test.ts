import { describe, expect, it } from "vitest";
import { readFixture } from "./fixtures.test-helper";
import { planScale } from "./plan-scale";

const CARTS = readFixture("sock-shop/01-carts-dep.yaml");
const current = {
  "k8s/carts.yaml": CARTS,
  "k8s/checkout.yaml": readFixture("online-boutique/checkoutservice.yaml"),
};

describe("planScale", () => {
  it("changes only the replicas number, keeping the file's formatting", () => {
    const plan = planScale({ current, workload: "carts", replicas: 4 });
    expect(plan.writes).toEqual([
      { path: "k8s/carts.yaml", content: CARTS.replace("replicas: 1", "replicas: 4") },
    ]);
    expect(plan.diffs[0]?.diff).toMatch(/^\+\s+replicas: 4$/m);
  });

  it("adds replicas to a Deployment that has none", () => {
    const plan = planScale({
      current,
      workload: "apps/v1 Deployment default/checkoutservice",
      replicas: 3,
    });
    expect(plan.writes[0]?.content).toMatch(/^spec:\n(.*\n)* {2}replicas: 3$/m);
    expect(plan.writes[0]?.content).toContain("# Copyright 2018 Google LLC");
  });

  it("refuses unknown workloads, DaemonSets and bad counts", () => {
    expect(() => planScale({ current, workload: "nope", replicas: 1 })).toThrow(
      /No Deployment.*"nope"/,
    );
    const daemon = { "ds.yaml": CARTS.replace("kind: Deployment", "kind: DaemonSet") };
    expect(() => planScale({ current: daemon, workload: "carts", replicas: 2 })).toThrow(
      /DaemonSet/,
    );
    expect(() => planScale({ current, workload: "carts", replicas: -1 })).toThrow(/whole number/);
  });
});
