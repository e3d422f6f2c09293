import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/helpers/fixtures";
import { parseCalm } from "./parse-calm";

const parseJson = (architecture: unknown) =>
  parseCalm({ name: "arch.json", text: JSON.stringify(architecture) }, "calm:test");
const node = (id: string, type = "service") => ({
  "unique-id": id,
  "node-type": type,
  name: id,
  description: id,
});
const connects = (id: string, source: string, destination: string, protocol?: string) => ({
  "unique-id": id,
  "relationship-type": {
    connects: { source: { node: source }, destination: { node: destination } },
  },
  ...(protocol ? { protocol } : {}),
});
const edgesOf = (snapshot: ReturnType<typeof parseJson>) =>
  snapshot.dependencies.map((edge) => `${edge.from} -> ${edge.to} ${edge.kind}`);

describe("listCalmDependencies and message buses", () => {
  it("reads the queue of FINOS's CALM Studio shop demo as what its consumer depends on", () => {
    const snapshot = parseCalm(
      { name: "ecommerce.calm.json", text: readFixture("catalog/calm/ecommerce.calm.json") },
      "calm:ecommerce",
    );
    const edges = edgesOf(snapshot);
    // The file draws message-queue -> notification-service: the way the order events flow.
    expect(edges).toContain("notification-service -> message-queue async");
    expect(edges).toContain("order-service -> message-queue async");
    expect(edges.filter((edge) => edge.startsWith("message-queue ->"))).toEqual([]);
  });

  it("turns a messagebus node's connects to its consumers into consumer -> bus, async", () => {
    const snapshot = parseJson({
      nodes: [node("orders"), node("events", "messagebus"), node("billing"), node("mailer")],
      relationships: [
        connects("orders-publish", "orders", "events", "HTTPS"),
        connects("events-to-billing", "events", "billing", "HTTPS"),
        connects("events-to-mailer", "events", "mailer"),
      ],
    });
    expect(edgesOf(snapshot)).toEqual([
      "orders -> events sync",
      "billing -> events async",
      "mailer -> events async",
    ]);
  });

  it("keeps a data asset read over a synchronous protocol as drawn", () => {
    const snapshot = parseJson({
      nodes: [node("report"), node("ledger", "data-asset")],
      relationships: [connects("ledger-to-report", "ledger", "report", "HTTPS")],
    });
    expect(edgesOf(snapshot)).toEqual(["ledger -> report sync"]);
  });

  it("still refuses a relationship to a node the architecture does not have, with every such one", () => {
    expect(() =>
      parseJson({
        nodes: [node("a")],
        relationships: [connects("a-b", "a", "b"), connects("c-a", "c", "a")],
      }),
    ).toThrow(
      '2 problems in 1 file(s); nothing was imported:\n- arch.json: relationship a-b: relationship-type.connects.destination.node: unknown node "b"\n- arch.json: relationship c-a: relationship-type.connects.source.node: unknown node "c"',
    );
  });
});
