import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { DEFAULT_SERVICE_LABELS } from "./ingest/read-service-labels";

describe("FAULTLINE_SERVICE_LABELS", () => {
  it("defaults to the common conventions, service first and Grafana's folder and rule last", () => {
    const labels = parseEnv({}).FAULTLINE_SERVICE_LABELS;
    expect(labels).toEqual(DEFAULT_SERVICE_LABELS);
    expect(labels[0]).toBe("service");
    expect(labels.at(-1)).toBe("grafana_folder+alertname");
    expect(labels.indexOf("host")).toBeLessThan(labels.indexOf("instance"));
    // An empty variable is an unset one.
    expect(parseEnv({ FAULTLINE_SERVICE_LABELS: "" }).FAULTLINE_SERVICE_LABELS).toEqual(labels);
  });

  it("reads a comma list, dropping blanks and repeats", () => {
    const env = parseEnv({
      FAULTLINE_SERVICE_LABELS: " team , app.kubernetes.io/name,,team, a+b ",
    });
    expect(env.FAULTLINE_SERVICE_LABELS).toEqual(["team", "app.kubernetes.io/name", "a+b"]);
  });

  it.each([
    [" , ", "must name at least one label"],
    ["service,my label", "label names"],
    ["grafana_folder+", "label names"],
  ])("rejects %j, naming the variable", (value, message) => {
    expect(() => parseEnv({ FAULTLINE_SERVICE_LABELS: value })).toThrowError(
      new RegExp(`FAULTLINE_SERVICE_LABELS.*${message}`),
    );
  });
});

describe("FAULTLINE_SECRET_KEY", () => {
  it("is optional, and read as 32 bytes from hex or base64", () => {
    expect(parseEnv({}).FAULTLINE_SECRET_KEY).toBeUndefined();
    const hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const fromHex = parseEnv({ FAULTLINE_SECRET_KEY: hex }).FAULTLINE_SECRET_KEY;
    const base64 = Buffer.from(hex, "hex").toString("base64");
    const fromBase64 = parseEnv({ FAULTLINE_SECRET_KEY: base64 }).FAULTLINE_SECRET_KEY;
    expect(fromHex?.bytes.toString("hex")).toBe(hex);
    expect(fromBase64?.id).toBe(fromHex?.id);
  });

  it("rejects a key of the wrong size, naming the variable and how to make one", () => {
    expect(() => parseEnv({ FAULTLINE_SECRET_KEY: "too-short" })).toThrowError(
      /FAULTLINE_SECRET_KEY: must be 32 random bytes.*openssl rand -base64 32/,
    );
  });
});

describe("FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND", () => {
  it("defaults high and takes a fraction (one request per several seconds)", () => {
    expect(parseEnv({}).FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND).toBe(10000);
    expect(
      parseEnv({ FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND: "0.5" })
        .FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND,
    ).toBe(0.5);
    expect(() => parseEnv({ FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND: "0" })).toThrowError(
      /FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND/,
    );
  });
});

describe("FAULTLINE_PROMETHEUS_ALLOWED_HOSTS", () => {
  it("is unset by default (loopback only) and otherwise a trimmed, lower-cased list", () => {
    expect(parseEnv({}).FAULTLINE_PROMETHEUS_ALLOWED_HOSTS).toBeUndefined();
    expect(
      parseEnv({ FAULTLINE_PROMETHEUS_ALLOWED_HOSTS: " Prom.internal:9090, ,metrics " })
        .FAULTLINE_PROMETHEUS_ALLOWED_HOSTS,
    ).toEqual(["prom.internal:9090", "metrics"]);
  });
});
