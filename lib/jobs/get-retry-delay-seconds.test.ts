import { describe, expect, it } from "vitest";
import { getRetryDelaySeconds } from "./get-retry-delay-seconds";

describe("getRetryDelaySeconds", () => {
  it("doubles with each attempt and stops at five minutes", () => {
    expect([1, 2, 3, 4, 8, 9, 20].map(getRetryDelaySeconds)).toEqual([2, 4, 8, 16, 256, 300, 300]);
  });
});
