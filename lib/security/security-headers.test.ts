import { describe, expect, it } from "vitest";
import {
  buildContentSecurityPolicy,
  createNonce,
  getBaseSecurityHeaders,
  isServedOverTls,
} from "./security-headers";

describe("getBaseSecurityHeaders", () => {
  it("always forbids sniffing and framing and limits the referrer", () => {
    expect(getBaseSecurityHeaders({ isHttps: false })).toEqual({
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
    });
  });

  it("adds HSTS only over TLS", () => {
    expect(getBaseSecurityHeaders({ isHttps: true })["strict-transport-security"]).toMatch(
      /^max-age=\d+/,
    );
    expect(getBaseSecurityHeaders({ isHttps: false })).not.toHaveProperty(
      "strict-transport-security",
    );
  });
});

describe("buildContentSecurityPolicy", () => {
  const directive = (policy: string, name: string) =>
    policy.split("; ").find((part) => part.startsWith(`${name} `));

  it("allows scripts by nonce only, never inline or eval in production", () => {
    const policy = buildContentSecurityPolicy("abc123", { isHttps: false });
    expect(directive(policy, "script-src")).toMatch(
      /^script-src 'self' 'nonce-abc123' ('sha256-[A-Za-z0-9+/]+=*' )+'strict-dynamic'$/,
    );
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
  });

  it("allows eval in development and upgrades requests only over TLS", () => {
    expect(buildContentSecurityPolicy("n", { isHttps: false, isDev: true })).toContain(
      "'unsafe-eval'",
    );
    expect(buildContentSecurityPolicy("n", { isHttps: true })).toContain(
      "upgrade-insecure-requests",
    );
    expect(buildContentSecurityPolicy("n", { isHttps: false })).not.toContain(
      "upgrade-insecure-requests",
    );
  });
});

describe("createNonce", () => {
  it("is base64 of 16 bytes and differs every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});

describe("isServedOverTls", () => {
  it("trusts the first X-Forwarded-Proto hop, else the URL's scheme", () => {
    expect(isServedOverTls("http://app/", "https")).toBe(true);
    expect(isServedOverTls("http://app/", "https, http")).toBe(true);
    expect(isServedOverTls("https://app/", "http")).toBe(false);
    expect(isServedOverTls("https://app/", null)).toBe(true);
    expect(isServedOverTls("http://app/", null)).toBe(false);
  });
});
