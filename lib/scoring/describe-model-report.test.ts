import { describe, expect, it } from "vitest";
import { makeTrainedModel } from "../../test/helpers/trained-model";
import { describeModelReport, describeModelVersionLine } from "./describe-model-report";

describe("describeModelReport", () => {
  it("prints each forecaster's held-out metrics in aligned columns, and the non-empty bins", () => {
    const text = describeModelReport(makeTrainedModel().report);
    const lines = text.split("\n");
    expect(lines).toContain("features (2): feature_0, feature_1");
    const header = lines.find((line) => line.includes("ECE (width)")) ?? "";
    const calibrated = lines.find((line) => line.trimStart().startsWith("calibrated")) ?? "";
    expect(calibrated).toMatch(/0\.0200 +0\.0250 +0\.0800 +0\.0700 +0\.2500 +80\.0% +100\.0%$/);
    expect(calibrated.length).toBe(header.length);
    expect(lines.find((line) => line.trimStart().startsWith("base rate"))).toMatch(/25\.0%/);
    expect(text).toContain("0.00–0.50     30          0.1000    0.1000  0.0000–0.2000");
  });

  it("marks the promoted version in its list line", () => {
    const version = {
      id: 7,
      createdAt: new Date("2026-03-01T00:00:00Z"),
      createdBy: "cli:ops",
      source: "database",
      ...makeTrainedModel(),
      isPromoted: true,
      promotedAt: new Date("2026-03-02T00:00:00Z"),
      promotedBy: "lead@example.com",
    };
    expect(describeModelVersionLine(version)).toBe(
      "* #7     2026-03-01T00:00:00.000Z  database                 ECE 0.0200  Brier 0.0700  top-1 80.0%  by cli:ops  promoted 2026-03-02T00:00:00.000Z by lead@example.com",
    );
  });
});
