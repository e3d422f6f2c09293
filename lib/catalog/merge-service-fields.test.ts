import { describe, expect, it } from "vitest";
import {
  FILLED_BY_KEY,
  isSameServiceFields,
  mergeGuestImport,
  mergeOwnerImport,
  type ServiceFields,
} from "./merge-service-fields";

const owned: ServiceFields = {
  name: "Orders",
  tier: 1,
  owner: "orders-team",
  onCall: null,
  runbookUrl: "https://runbooks/orders",
  healthEndpoint: null,
  metadata: { failureModes: [{ symptom: "High error rate" }] },
};

describe("merging two catalogs' views of one service", () => {
  it("lets a guest catalog fill only what the owner left empty, and remembers it", () => {
    const guest = mergeGuestImport(
      owned,
      {
        ...owned,
        name: "Order Service",
        tier: 3,
        onCall: "Orders escalation",
        metadata: { pagerdutyServiceId: "P1" },
      },
      "pagerduty",
    );
    expect(guest).toMatchObject({ name: "Orders", tier: 1, onCall: "Orders escalation" });
    expect(guest.metadata).toEqual({
      failureModes: [{ symptom: "High error rate" }],
      pagerdutyServiceId: "P1",
      [FILLED_BY_KEY]: { onCall: "pagerduty", "metadata.pagerdutyServiceId": "pagerduty" },
    });
  });

  it("keeps the guest's values through the owner's next import, until the owner says something itself", () => {
    const afterGuest = mergeGuestImport(
      owned,
      { ...owned, onCall: "Orders escalation", metadata: { pagerdutyServiceId: "P1" } },
      "pagerduty",
    );
    const reimported = mergeOwnerImport(afterGuest, owned);
    expect(isSameServiceFields(reimported, afterGuest)).toBe(true);

    const ownerSpeaks = mergeOwnerImport(afterGuest, {
      ...owned,
      onCall: "#oncall-orders",
      metadata: {},
    });
    expect(ownerSpeaks.onCall).toBe("#oncall-orders");
    // The owner dropped its failure modes: they go; the guest's key stays.
    expect(ownerSpeaks.metadata).toEqual({
      pagerdutyServiceId: "P1",
      [FILLED_BY_KEY]: { "metadata.pagerdutyServiceId": "pagerduty" },
    });
  });
});
