import { describe, expect, it } from "vitest";
import { ECOMMERCE_TOPOLOGY } from "../../prisma/seed/ecommerce-topology";
import { matchFailureModes, stemWord, toSignificantWords } from "./match-failure-modes";

function failureModesOf(slug: string) {
  const modes = ECOMMERCE_TOPOLOGY.services.find((service) => service.slug === slug)?.metadata
    ?.failureModes;
  if (!modes) throw new Error(`${slug} has no failure modes in the seed`);
  return modes;
}
const ORDER_MODES = failureModesOf("order-service");
const alert = (name: string, summary: string | null = null) => ({ name, summary });
const symptoms = (modes: { symptom: string }[]) => modes.map((mode) => mode.symptom);

describe("matchFailureModes", () => {
  it("matches the seed's order-service modes to their alerts by name", () => {
    expect(symptoms(matchFailureModes(ORDER_MODES, [alert("HighErrorRate")]))).toEqual([
      "High error rate on order creation",
    ]);
    expect(symptoms(matchFailureModes(ORDER_MODES, [alert("PodCrashLooping")]))).toEqual([
      "Pods crash looping (OOMKilled)",
    ]);
    expect(
      symptoms(matchFailureModes(ORDER_MODES, [alert("PodCrashLooping"), alert("HighErrorRate")])),
    ).toEqual(["High error rate on order creation", "Pods crash looping (OOMKilled)"]);
  });

  it("matches on the alert's summary too", () => {
    const matched = matchFailureModes(ORDER_MODES, [
      alert("KubePodNotReady", "Container was OOMKilled and restarted"),
    ]);
    // "pod" from the name and "oom", "kill" from the summary.
    expect(symptoms(matched)).toEqual(["Pods crash looping (OOMKilled)"]);
  });

  it("needs two shared words when the symptom has more than two", () => {
    // Only "high" is shared with "High latency on authorize".
    expect(matchFailureModes(failureModesOf("payment-service"), [alert("HighErrorRate")])).toEqual(
      [],
    );
    expect(matchFailureModes(failureModesOf("kafka"), [alert("HighMemoryUsage")])).toEqual([]);
    expect(matchFailureModes(ORDER_MODES, [alert("OrderQueueBacklog", "orders waiting")])).toEqual(
      [],
    );
    expect(
      symptoms(matchFailureModes(failureModesOf("payment-service"), [alert("HighLatency")])),
    ).toEqual(["High latency on authorize"]);
  });

  it("needs one shared word when the symptom has only one or two", () => {
    const modes = [
      { symptom: "Disk full" },
      { symptom: "Certificate expiring" },
      { symptom: "On" },
    ];
    expect(symptoms(matchFailureModes(modes, [alert("NodeDiskPressure")]))).toEqual(["Disk full"]);
    expect(symptoms(matchFailureModes(modes, [alert("TLSHandshakeErrors")]))).toEqual([]);
    expect(symptoms(matchFailureModes(modes, [alert("TLSCertificateExpiresSoon")]))).toEqual([
      "Certificate expiring",
    ]);
    expect(symptoms(matchFailureModes(modes, [alert("CertificateExpiring")]))).toEqual([
      "Certificate expiring",
    ]);
  });

  it("matches nothing without alerts, and keeps the modes' own objects", () => {
    expect(matchFailureModes(ORDER_MODES, [])).toEqual([]);
    const [first] = matchFailureModes(ORDER_MODES, [alert("HighErrorRate")]);
    expect(first).toBe(ORDER_MODES[0]);
  });
});

describe("toSignificantWords", () => {
  it("splits CamelCase and acronyms, lower-cases, drops short and stop words, stems", () => {
    expect(toSignificantWords("HighErrorRate")).toEqual(["high", "error", "rate"]);
    expect(toSignificantWords("Pods crash looping (OOMKilled)")).toEqual([
      "pod",
      "crash",
      "loop",
      "oom",
      "kill",
    ]);
    expect(toSignificantWords("High error rate on order creation")).toEqual([
      "high",
      "error",
      "rate",
      "order",
      "creation",
    ]);
    expect(toSignificantWords("Upstream 5xx errors across the routes")).toEqual([
      "upstream",
      "5xx",
      "error",
      "across",
      "route",
    ]);
  });
});

describe("stemWord", () => {
  it.each([
    ["pods", "pod"],
    ["looping", "loop"],
    ["stopping", "stop"],
    ["killed", "kill"],
    ["crashes", "crash"],
    ["retries", "retry"],
    ["status", "status"],
    ["process", "process"],
    ["speed", "speed"],
    ["ping", "ping"],
  ])("%s → %s", (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});
