import { describe, expect, it } from "vitest";
import { describeServiceOrigin } from "./describe-service-origin";

describe("describeServiceOrigin", () => {
  it.each([
    [
      { label: "host", value: "andromeda" },
      "Unmapped: created from the host label of an alert (andromeda).",
    ],
    [
      { label: "grafana_folder+alertname", value: "device/Memory (copy)" },
      "Unmapped: created from the grafana_folder and alertname labels of an alert (device/Memory (copy)).",
    ],
    [
      { field: "component", value: "postgres" },
      "Unmapped: created from the component field of an alert (postgres).",
    ],
    [
      { group: "{}/{}:{}" },
      "Unmapped: created for alerts that name no service, from their sender group {}/{}:{}.",
    ],
    [
      { fingerprint: "a1bc48475b20e73d" },
      "Unmapped: created for one alert that names no service (fingerprint a1bc48475b20e73d).",
    ],
  ])("%o", (origin, sentence) => {
    expect(describeServiceOrigin(origin)).toBe(sentence);
  });
});
