import { describe, expect, it } from "vitest";
import { suggestRemediations } from "./suggest-remediations";

describe("suggestRemediations", () => {
  it("suggests rolling back a deploy to the release before the window", () => {
    const [suggestion, ...rest] = suggestRemediations(7, [
      {
        serviceId: 3,
        changes: [{ id: 12, kind: "deploy", paths: ["k8s/deployment.yaml"] }],
        previous: { id: 9 },
      },
    ]);
    expect(rest).toEqual([]);
    expect(suggestion).toEqual({
      serviceId: 3,
      key: "incident:7:service:3:rollback:to:9",
      params: { kind: "rollback", toChangeId: 9, include: [] },
    });
  });

  it("suggests reverting the files that config changes alone touched", () => {
    const [suggestion] = suggestRemediations(7, [
      {
        serviceId: 4,
        changes: [
          { id: 20, kind: "config", paths: ["app.properties"] },
          { id: 21, kind: "flag", paths: ["flags.json", "app.properties"] },
        ],
        previous: { id: 15 },
      },
    ]);
    expect(suggestion?.params).toEqual({
      kind: "revert",
      toChangeId: 15,
      paths: ["app.properties", "flags.json"],
    });
  });

  it("suggests nothing without an earlier version or without files", () => {
    expect(
      suggestRemediations(7, [
        { serviceId: 1, changes: [{ id: 2, kind: "deploy", paths: ["a.yaml"] }], previous: null },
        { serviceId: 5, changes: [{ id: 6, kind: "deploy", paths: [] }], previous: { id: 4 } },
      ]),
    ).toEqual([]);
  });
});
