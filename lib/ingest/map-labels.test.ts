import { describe, expect, it } from "vitest";
import {
  fingerprintLabels,
  maxSeverity,
  toServiceSlug,
  toServiceSlugOrNull,
  toSeverity,
} from "./map-labels";

describe("toSeverity", () => {
  it.each([
    ["critical", "critical"],
    ["PAGE", "critical"],
    ["severe", "error"],
    ["high", "error"],
    ["warning", "warning"],
    ["info", "info"],
    ["something-else", "warning"],
    [undefined, "warning"],
  ] as const)("maps %s to %s", (word, expected) => {
    expect(toSeverity(word)).toBe(expected);
  });

  it("orders severities", () => {
    expect(maxSeverity("warning", "critical")).toBe("critical");
    expect(maxSeverity("error", "info")).toBe("error");
  });
});

describe("toServiceSlug", () => {
  it("lower-cases and replaces what slugs cannot hold", () => {
    expect(toServiceSlug(" Payment Service ")).toBe("payment-service");
    expect(toServiceSlug("kube-system/coredns")).toBe("kube-system-coredns");
  });

  it("gives a name of only symbols a slug of its own, never one shared with other such names", () => {
    expect(toServiceSlug("///")).toMatch(/^service-[0-9a-f]{8}$/);
    expect(toServiceSlug("///")).toBe(toServiceSlug("///"));
    expect(toServiceSlug("///")).not.toBe(toServiceSlug("***"));
    expect(toServiceSlugOrNull("///")).toBeNull();
  });
});

describe("fingerprintLabels", () => {
  it("does not depend on label order but on every label", () => {
    expect(fingerprintLabels({ a: "1", b: "2" })).toBe(fingerprintLabels({ b: "2", a: "1" }));
    expect(fingerprintLabels({ a: "1", b: "2" })).not.toBe(fingerprintLabels({ a: "1", b: "3" }));
    // Label boundaries matter: {a: "1b", ...} is not {a: "1", b...}.
    expect(fingerprintLabels({ a: "1b" })).not.toBe(fingerprintLabels({ a: "1", b: "" }));
  });
});

describe("words that name Object.prototype's properties", () => {
  it("are plain unknown words, not a function from the prototype", () => {
    for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(toSeverity(word)).toBe("warning");
  });
});
