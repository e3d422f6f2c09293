// Blast radius on a generated catalog (10,000 services, 50,000 edges by default): the graph is
// built once, then computeBlastRadius runs from origins in the middle layers, with about 20 red
// services (mostly callers of the origins) and 30 amber ones in each radius, so the
// common-cause search runs. Then the same from the most depended-upon platform services, the
// largest radii the catalog has. Target: p95 ≤ 20 ms.
//   npx tsx bench/blast-radius.ts [--services 10000] [--edges 50000] [--iterations 500]
import os from "node:os";
import { parseArgs } from "node:util";
import { buildServiceGraph } from "../lib/graph/build-service-graph";
import { computeBlastRadius } from "../lib/graph/compute-blast-radius";
import { computeMapLayout, layoutWholeGraph } from "../lib/graph/compute-map-layout";
import { createSeededRandom } from "../lib/graph/create-seeded-random";
import { generateServiceGraph } from "../lib/graph/generate-service-graph";
import type { BlastRadius, BusinessFlow, ServiceSignals } from "../lib/graph/schemas";

const { values } = parseArgs({
  options: {
    services: { type: "string", default: "10000" },
    edges: { type: "string", default: "50000" },
    iterations: { type: "string", default: "500" },
    seed: { type: "string", default: "7" },
  },
});
const ITERATIONS = Number(values.iterations);
const WARM_UP = 50;
const SCENARIOS = 25;
const RED_PER_RADIUS = 20;
const AMBER_PER_RADIUS = 30;

const generated = generateServiceGraph({
  services: Number(values.services),
  edges: Number(values.edges),
  seed: Number(values.seed),
});
let started = performance.now();
const graph = buildServiceGraph(generated.services, generated.edges);
const buildMs = performance.now() - started;

const random = createSeededRandom(Number(values.seed) + 1);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
const middle = generated.services.filter((s) => /^(svc|core)-/.test(s.slug)).map((s) => s.id);
const hubs = generated.services
  .filter((service) => service.slug.startsWith("platform-"))
  .sort((a, b) => dependentCount(b.id) - dependentCount(a.id))
  .slice(0, 20)
  .map((service) => service.id);
const flows: BusinessFlow[] = [
  {
    uniqueId: "checkout",
    name: "Checkout",
    serviceSlugs: generated.services.slice(0, 40).map((service) => service.slug),
    businessImpact: null,
    degradedBehavior: null,
    customerCommunication: null,
    sla: null,
  },
];

// The first trace also builds the graph's flat index, so it is timed on its own.
started = performance.now();
computeBlastRadius({ graph, originIds: [pick(middle)], signals: new Map(), flows });
const firstRunMs = performance.now() - started;

const cpus = os.cpus();
const ms = (value: number) => `${value.toFixed(2)} ms`;
console.log(
  `machine: ${cpus[0]?.model ?? "unknown cpu"} × ${cpus.length}, ${os.platform()} ${os.arch()}, node ${process.version}`,
);
console.log(`catalog: ${generated.services.length} services, ${generated.edges.length} edges`);
console.log(
  `buildServiceGraph: ${ms(buildMs)}; first computeBlastRadius (also builds the index): ${ms(firstRunMs)}`,
);
measure("origins in the middle layers", middle);
const fromHubs = measure("origins at the 20 busiest platform services", hubs);

const largest = fromHubs.reduce((a, b) => (b.nodes.length > a.nodes.length ? b : a));
started = performance.now();
computeMapLayout(largest.nodes, largest.edges);
console.log(
  `computeMapLayout (largest radius, ${largest.nodes.length} nodes): ${ms(performance.now() - started)}`,
);
started = performance.now();
layoutWholeGraph(graph);
console.log(`layoutWholeGraph (whole catalog): ${ms(performance.now() - started)}`);

/** Times computeBlastRadius over scenarios drawn from `pool`; returns one radius per scenario. */
function measure(label: string, pool: number[]): BlastRadius[] {
  const scenarios = Array.from({ length: SCENARIOS }, (_, i) => createScenario(pool, 1 + (i % 3)));
  const run = (i: number) => {
    const { originIds, signals } = scenarios[i % SCENARIOS] ?? createScenario(pool, 1);
    return computeBlastRadius({ graph, originIds, signals, flows });
  };
  for (let i = 0; i < WARM_UP; i++) run(i);

  const timings: number[] = [];
  let nodes = 0;
  let edges = 0;
  let red = 0;
  let amber = 0;
  let searched = 0;
  let found = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    started = performance.now();
    const radius = run(i);
    timings.push(performance.now() - started);
    nodes += radius.nodes.length;
    edges += radius.edges.length;
    const redHere = radius.nodes.filter((node) => node.state === "red").length;
    red += redHere;
    amber += radius.nodes.filter((node) => node.state === "amber").length;
    if (redHere >= 2) searched++;
    if (radius.commonCause.length > 0) found++;
  }
  timings.sort((a, b) => a - b);
  const at = (p: number) => timings[Math.ceil(p * timings.length) - 1] ?? 0;
  const p95 = at(0.95);
  console.log(`\ncomputeBlastRadius, ${label}, ${ITERATIONS} runs after ${WARM_UP} warm-up:`);
  console.log(`  p50 ${ms(at(0.5))}, p95 ${ms(p95)}, max ${ms(timings.at(-1) ?? 0)}`);
  console.log(
    `  per radius: ${Math.round(nodes / ITERATIONS)} nodes, ${Math.round(edges / ITERATIONS)} edges, ${Math.round(red / ITERATIONS)} red, ${Math.round(amber / ITERATIONS)} amber on average`,
  );
  console.log(
    `  common-cause search ran in ${searched} of ${ITERATIONS} runs and found candidates in ${found}`,
  );
  console.log(`  target p95 ≤ 20 ms: ${p95 <= 20 ? "met" : "MISSED"}`);
  return scenarios.map((_, i) => run(i));
}

/** Origins from `pool`; red: the origins and callers of theirs, amber: anything in the radius. */
function createScenario(pool: number[], originCount: number) {
  const originIds = [...new Set(Array.from({ length: originCount }, () => pick(pool)))];
  const traced = computeBlastRadius({ graph, originIds, signals: new Map(), flows });
  const others = traced.nodes.filter((node) => node.role !== "origin");
  const callers = others.filter((node) => node.role !== "suspect").map((node) => node.id);
  const everyone = others.map((node) => node.id);
  const signals = new Map<number, ServiceSignals>();
  for (const id of originIds) signals.set(id, signalsOf("critical"));
  const redGoal = Math.min(originIds.length + callers.length, RED_PER_RADIUS);
  while (signals.size < redGoal) signals.set(pick(callers), signalsOf("error"));
  const amberGoal = Math.min(originIds.length + everyone.length, redGoal + AMBER_PER_RADIUS);
  while (signals.size < amberGoal) {
    const id = pick(everyone);
    if (!signals.has(id)) signals.set(id, signalsOf("warning"));
  }
  return { originIds, signals };
}

function signalsOf(severity: "critical" | "error" | "warning"): ServiceSignals {
  return {
    firingAlertSeverity: severity,
    firingAlertCount: 1 + Math.floor(random() * 3),
    isHealthCheckFailing: false,
    isErrorRateElevated: severity !== "warning",
    isLatencyElevated: random() < 0.3,
  };
}

function dependentCount(id: number): number {
  return graph.dependentsOf.get(id)?.length ?? 0;
}
