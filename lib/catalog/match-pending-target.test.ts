import { describe, expect, it } from "vitest";
import { groupTargetKeys, listTargetKeys, toConnectedKind } from "./match-pending-target";

describe("pending targets", () => {
  it("names a service by its slug, the APIs it provides and its PagerDuty id", () => {
    expect(
      listTargetKeys({
        slug: "search",
        metadata: { providesApis: ["api:default/search", 7], pagerdutyServiceId: "P1" },
      }),
    ).toEqual(["search", "api:default/search", "pagerduty:P1"]);
    expect(listTargetKeys({ slug: "db", metadata: null })).toEqual(["db"]);
  });

  it("groups keys to look them up", () => {
    expect(groupTargetKeys(["db", "api:default/x", "pagerduty:P9", "db"])).toEqual({
      slugs: ["db"],
      apiKeys: ["api:default/x"],
      pagerdutyIds: ["P9"],
    });
  });

  it("makes an unqualified edge to a data store a data edge, and keeps stated kinds", () => {
    expect(toConnectedKind("sync", { metadata: { kind: "database" } })).toBe("data");
    expect(toConnectedKind("async", { metadata: { kind: "database" } })).toBe("async");
    expect(toConnectedKind("sync", { metadata: { kind: "queue" } })).toBe("sync");
  });
});
