import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { parseCalm } from "./parse-calm";

const parseJson = (architecture: unknown) =>
  parseCalm({ name: "arch.json", text: JSON.stringify(architecture) }, "calm:test");
const node = (id: string, type = "service", extra: Record<string, unknown> = {}) => ({
  "unique-id": id,
  "node-type": type,
  name: id,
  description: id,
  ...extra,
});
const connects = (id: string, source: string, destination: string, extra = {}) => ({
  "unique-id": id,
  "relationship-type": {
    connects: { source: { node: source }, destination: { node: destination } },
  },
  ...extra,
});

describe("parseCalm errors", () => {
  it.each([
    [
      "an unknown destination node",
      { nodes: [node("a")], relationships: [connects("a-b", "a", "b")] },
      'arch.json: relationship a-b: relationship-type.connects.destination.node: unknown node "b"',
    ],
    [
      "an unknown node in a string-typed relationship",
      {
        nodes: [node("a")],
        relationships: [
          {
            "unique-id": "x-a",
            "relationship-type": "connects",
            connects: { source: { node: "x" }, destination: { node: "a" } },
          },
        ],
      },
      'arch.json: relationship x-a: connects.source.node: unknown node "x"',
    ],
    [
      "an unknown relationship type",
      {
        nodes: [node("a")],
        relationships: [{ "unique-id": "r", "relationship-type": { uses: {} } }],
      },
      "arch.json: relationship r: relationship-type: expected exactly one of connects, interacts, composed-of, deployed-in, options",
    ],
    [
      "a flow through an unknown relationship",
      {
        nodes: [node("a")],
        flows: [
          {
            "unique-id": "f",
            name: "F",
            transitions: [{ "relationship-unique-id": "nope", "sequence-number": 1 }],
          },
        ],
      },
      'arch.json: flow f: transitions[0].relationship-unique-id: unknown relationship "nope"',
    ],
    [
      "a node without a name",
      { nodes: [{ "unique-id": "a", "node-type": "service" }] },
      "arch.json: nodes[0]: name: Invalid input",
    ],
    [
      "a bad tier",
      { nodes: [node("a", "service", { metadata: { tier: "gold" } })] },
      'arch.json: node a: metadata.tier: "gold" is not a tier',
    ],
    [
      "failure modes without a symptom",
      { nodes: [node("a", "service", { metadata: { "failure-modes": [{ check: "x" }] } })] },
      "arch.json: node a: metadata.failure-modes[0].symptom: Invalid input",
    ],
    [
      "an unknown edge kind",
      {
        nodes: [node("a"), node("b")],
        relationships: [connects("a-b", "a", "b", { metadata: { kind: "soon" } })],
      },
      "arch.json: relationship a-b: metadata.kind: Invalid option",
    ],
    [
      "a node id used twice",
      { nodes: [node("a"), node("a")] },
      "arch.json: node a: unique-id: used twice",
    ],
    ["no nodes at all", { relationships: [] }, "arch.json: architecture: nodes: Invalid input"],
  ])("names the file, entity and field of %s", (_case, architecture, message) => {
    expect(() => parseJson(architecture)).toThrow(message);
    expect(() => parseJson(architecture)).toThrow(AppError);
  });

  it("names the file when it is not JSON", () => {
    expect(() => parseCalm({ name: "arch.json", text: "{nodes: []" }, "calm:test")).toThrow(
      "arch.json: architecture: not valid JSON",
    );
  });
});
