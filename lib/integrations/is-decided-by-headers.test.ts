import { describe, expect, it } from "vitest";
import { extractCredentials, isDecidedByHeaders, isProvenBySecret } from "./verify-credentials";

const presented = (headers: Record<string, string>) => extractCredentials(new Headers(headers));

describe("isDecidedByHeaders", () => {
  it("is true for token-only senders, whatever they present", () => {
    expect(isDecidedByHeaders("alertmanager", presented({}))).toBe(true);
    expect(isDecidedByHeaders("datadog", presented({ authorization: "Bearer x" }))).toBe(true);
    expect(isDecidedByHeaders("signals", presented({ "x-pagerduty-signature": "v1=ab" }))).toBe(
      true,
    );
  });

  it("is false once a signature over the body is presented, true when none is", () => {
    expect(isDecidedByHeaders("pagerduty", presented({ "x-pagerduty-signature": "v1=ab" }))).toBe(
      false,
    );
    expect(isDecidedByHeaders("pagerduty", presented({}))).toBe(true);
    expect(isDecidedByHeaders("grafana", presented({ "x-grafana-alerting-signature": "ab" }))).toBe(
      false,
    );
    expect(isDecidedByHeaders("grafana", presented({ authorization: "Bearer x" }))).toBe(true);
    expect(isDecidedByHeaders("generic", presented({ "x-faultline-signature": "sha256=ab" }))).toBe(
      false,
    );
  });

  it("is never true for the PagerDuty Events API, whose key may be in the body", () => {
    expect(isDecidedByHeaders("pagerduty_events", presented({ authorization: "Bearer x" }))).toBe(
      false,
    );
  });
});

describe("isProvenBySecret before the body is read", () => {
  it("checks the token and skips body proofs", () => {
    const secret = "the-secret-0000";
    expect(
      isProvenBySecret("grafana", presented({ authorization: `Bearer ${secret}` }), null, secret),
    ).toBe(true);
    expect(
      isProvenBySecret("grafana", presented({ authorization: "Bearer wrong" }), null, secret),
    ).toBe(false);
  });
});
