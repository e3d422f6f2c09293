import { describe, expect, it } from "vitest";
import { type AlertToAttribute, findAlertService, stripPort } from "./find-alert-service";
import { DEFAULT_SERVICE_LABELS } from "./read-service-labels";

const alert = (labels: Record<string, string>, extra: Partial<AlertToAttribute> = {}) => ({
  source: "alertmanager" as const,
  labels,
  groupKey: "{}/{}:{}",
  fingerprint: "a1bc48475b20e73d",
  ...extra,
});
const serviceOf = (labels: Record<string, string>, extra?: Partial<AlertToAttribute>) =>
  findAlertService(alert(labels, extra), DEFAULT_SERVICE_LABELS);

describe("findAlertService with the default precedence", () => {
  it.each([
    [{ service: "Checkout", job: "node", host: "h1" }, "checkout", "service"],
    [{ job: "node", app: "cart" }, "node", "job"],
    [{ app: "cart", container: "c" }, "cart", "app"],
    [
      { "app.kubernetes.io/name": "Ingress-Nginx", container: "c" },
      "ingress-nginx",
      "app.kubernetes.io/name",
    ],
    [{ app_kubernetes_io_name: "coredns", deployment: "d" }, "coredns", "app_kubernetes_io_name"],
    [{ container: "envoy", deployment: "d", host: "h" }, "envoy", "container"],
    [{ deployment: "api-v2", host: "h" }, "api-v2", "deployment"],
    [{ host: "andromeda", instance: "x:9100" }, "andromeda", "host"],
    [{ hostname: "db-1", instance: "x:9100" }, "db-1", "hostname"],
    [{ instance: "node1.example.com:9100" }, "node1.example.com", "instance"],
  ])("%o names %s from its %s label", (labels, slug, label) => {
    const service = serviceOf(labels);
    expect(service.slug).toBe(slug);
    expect(service.origin).toEqual({ label, value: labels[label as keyof typeof labels] });
  });

  it("names a Grafana alert after its folder and rule when nothing else names it", () => {
    const labels = { alertname: "Memory (copy)", debug: "true", grafana_folder: "device" };
    expect(serviceOf(labels, { source: "grafana" })).toEqual({
      slug: "device-memory-copy",
      name: "device/Memory (copy)",
      origin: { label: "grafana_folder+alertname", value: "device/Memory (copy)" },
    });
    // A folder alone, or a rule name alone, is not enough.
    expect(serviceOf({ grafana_folder: "device" }).origin).toEqual({ group: "{}/{}:{}" });
    expect(serviceOf({ alertname: "Memory" }).origin).toEqual({ group: "{}/{}:{}" });
  });

  it("skips blank values and values with nothing to slug", () => {
    expect(serviceOf({ service: "  ", job: "///", host: "andromeda" }).slug).toBe("andromeda");
  });

  it("reads labels named like Object.prototype's properties as plain names", () => {
    const precedence = ["constructor", "host"];
    const service = findAlertService(alert({ host: "h1" }), precedence);
    expect(service.slug).toBe("h1");
  });
});

describe("findAlertService for an alert no label names", () => {
  it("gives it its sender group's own service", () => {
    const service = serviceOf({ alertname: "High CPU Temperature", severity: "critical" });
    expect(service).toEqual({
      slug: expect.stringMatching(/^group-[0-9a-f]{8}$/),
      name: "unlabelled alerts of group {}/{}:{}",
      origin: { group: "{}/{}:{}" },
    });
  });

  it("never shares that service with another group or another sender's group of that key", () => {
    const labels = { alertname: "X" };
    const slugs = new Set([
      serviceOf(labels).slug,
      serviceOf(labels, { groupKey: '{}:{alertname="X"}' }).slug,
      serviceOf(labels, { source: "grafana" }).slug,
    ]);
    expect(slugs.size).toBe(3);
    // The same group of the same sender keeps its service from one delivery to the next.
    expect(serviceOf({ alertname: "Y" }).slug).toBe(serviceOf(labels).slug);
  });

  it("falls back to the alert's own fingerprint when the sender gives no group", () => {
    const first = serviceOf({ alertname: "X" }, { groupKey: null });
    const other = serviceOf(
      { alertname: "X" },
      { groupKey: null, fingerprint: "c2ea85182f28cbd9" },
    );
    expect(first).toEqual({
      slug: expect.stringMatching(/^alert-[0-9a-f]{8}$/),
      name: "unlabelled alert a1bc48475b20e73d",
      origin: { fingerprint: "a1bc48475b20e73d" },
    });
    expect(other.slug).not.toBe(first.slug);
  });
});

describe("findAlertService with a configured precedence", () => {
  it("uses only the labels it names, in its order", () => {
    const labels = { service: "checkout", team: "payments", host: "h1" };
    expect(findAlertService(alert(labels), ["team", "service"]).slug).toBe("payments");
    expect(findAlertService(alert(labels), ["host"]).slug).toBe("h1");
    expect(findAlertService(alert(labels), ["cluster+namespace"]).origin).toEqual({
      group: "{}/{}:{}",
    });
    const both = { cluster: "eu1", namespace: "shop" };
    expect(findAlertService(alert(both), ["cluster+namespace"]).name).toBe("eu1/shop");
  });
});

describe("stripPort", () => {
  it.each([
    ["node1:9100", "node1"],
    ["10.0.0.7:9100", "10.0.0.7"],
    ["[2001:db8::1]:9100", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
    ["node1", "node1"],
    ["http://node1:9100/metrics", "http://node1:9100/metrics"],
  ])("%s → %s", (instance, host) => {
    expect(stripPort(instance)).toBe(host);
  });
});
