import { describe, expect, it } from "vitest";
import { buildOrderServiceRelease } from "./order-service-release";

describe("buildOrderServiceRelease", () => {
  it("v42 changes the image, the readiness timeout and one ConfigMap key; the Service stays", () => {
    const v41 = buildOrderServiceRelease("v41");
    const v42 = buildOrderServiceRelease("v42");
    expect(v41.map((file) => file.path)).toEqual(v42.map((file) => file.path));
    const [deploy41, service41, config41] = v41.map((file) => file.content);
    const [deploy42, service42, config42] = v42.map((file) => file.content);
    expect(deploy41).toContain("order-service:v41");
    expect(deploy42).toContain("order-service:v42");
    expect(deploy42).toContain("timeoutSeconds: 2");
    expect(service42).toBe(service41);
    expect(config42).toContain('PAYMENT_TIMEOUT_MS: "800"');
    expect(config42).not.toBe(config41);
  });
});
