import { describe, expect, it } from "vitest";
import { isAllowedPrometheusHost, LOOPBACK_HOSTS } from "./is-allowed-prometheus-host";

const allowed = (url: string, hosts: readonly string[]) =>
  isAllowedPrometheusHost(new URL(url), hosts);

describe("isAllowedPrometheusHost", () => {
  it("by default allows loopback only", () => {
    expect(allowed("http://127.0.0.1:9090", LOOPBACK_HOSTS)).toBe(true);
    expect(allowed("http://localhost:9090/prom/", LOOPBACK_HOSTS)).toBe(true);
    expect(allowed("http://[::1]:9090", LOOPBACK_HOSTS)).toBe(true);
    expect(allowed("http://169.254.169.254/latest/meta-data", LOOPBACK_HOSTS)).toBe(false);
    expect(allowed("http://prometheus.internal:9090", LOOPBACK_HOSTS)).toBe(false);
    expect(allowed("http://127.0.0.1.nip.io:9090", LOOPBACK_HOSTS)).toBe(false);
  });

  it("matches a bare host on any port, host:port on that port only, ignoring case", () => {
    const hosts = ["Prometheus.internal", "metrics.example.com:9090"];
    expect(allowed("https://prometheus.internal:1234", hosts)).toBe(true);
    expect(allowed("http://metrics.example.com:9090", hosts)).toBe(true);
    expect(allowed("http://metrics.example.com:9091", hosts)).toBe(false);
    expect(allowed("http://metrics.example.com", hosts)).toBe(false);
    expect(allowed("https://metrics.example.com:443", ["metrics.example.com:443"])).toBe(true);
  });

  it("refuses other schemes and URLs carrying credentials", () => {
    expect(allowed("file:///etc/passwd", ["localhost", ""])).toBe(false);
    expect(allowed("http://user:pw@localhost:9090", LOOPBACK_HOSTS)).toBe(false);
  });

  it("allows nothing with an empty list", () => {
    expect(allowed("http://127.0.0.1:9090", [])).toBe(false);
  });
});
