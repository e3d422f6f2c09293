import { toServiceSlug } from "../../ingest/map-labels";
import { catalogError } from "../catalog-error";
import type { CatalogFile, ObservedEdge } from "../schemas";
import { readExpositionLine } from "./read-exposition-line";
import { SERVICE_GRAPH_METRIC, ZPrometheusQueryResponse } from "./schemas";

type TSeries = { labels: Record<string, string>; value: number };

/**
 * Reads tracing service-graph metrics (Prometheus text, or a Prometheus query-API JSON result)
 * into observed edges "client calls server", summing series of the same pair.
 */
export function parseServiceGraph(file: CatalogFile): ObservedEdge[] {
  const series = file.text.trimStart().startsWith("{")
    ? readQueryResponse(file)
    : readExposition(file);
  if (series.length === 0) {
    throw catalogError(
      file.name,
      SERVICE_GRAPH_METRIC,
      null,
      "no series found: export the service-graph counter (Prometheus text or a query-API result)",
    );
  }
  const edges = new Map<string, ObservedEdge>();
  for (const { labels, value } of series) {
    const client = labels.client?.trim();
    const server = labels.server?.trim();
    if (!client || !server || !Number.isFinite(value) || value < 0) continue;
    const edge = { client: toServiceSlug(client), server: toServiceSlug(server) };
    if (edge.client === edge.server) continue;
    const key = `${edge.client}\u0000${edge.server}`;
    edges.set(key, { ...edge, requests: (edges.get(key)?.requests ?? 0) + value });
  }
  // A pair whose counter never moved was not seen calling.
  return [...edges.values()].filter((edge) => edge.requests > 0);
}

function readExposition(file: CatalogFile): TSeries[] {
  const series: TSeries[] = [];
  file.text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (!line.startsWith(SERVICE_GRAPH_METRIC)) return;
    const where = `line ${index + 1}`;
    const sample = readExpositionLine(line);
    if ("problem" in sample)
      throw catalogError(file.name, SERVICE_GRAPH_METRIC, where, sample.problem);
    if (sample.name !== SERVICE_GRAPH_METRIC) return;
    series.push({ labels: sample.labels, value: toNumber(file, where, sample.value) });
  });
  return series;
}

function readQueryResponse(file: CatalogFile): TSeries[] {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (cause) {
    throw catalogError(file.name, SERVICE_GRAPH_METRIC, null, `not valid JSON: ${String(cause)}`);
  }
  const parsed = ZPrometheusQueryResponse.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw catalogError(
      file.name,
      SERVICE_GRAPH_METRIC,
      issue?.path.join(".") || null,
      `${issue?.message ?? "invalid"} (expected a Prometheus query-API response)`,
    );
  }
  const { status, error, data } = parsed.data;
  if (status !== "success" || !data) {
    throw catalogError(
      file.name,
      SERVICE_GRAPH_METRIC,
      "status",
      `query failed: ${error ?? status}`,
    );
  }
  return data.result.flatMap((result, index) => {
    const where = `data.result[${index}]`;
    const sample = result.value ?? result.values?.at(-1);
    if (!sample) return [];
    return [{ labels: result.metric, value: toNumber(file, `${where}.value`, sample[1]) }];
  });
}

// Prometheus writes NaN and ±Inf too; those are skipped, anything else unreadable is an error.
function toNumber(file: CatalogFile, where: string, text: string): number {
  if (/^[+-]?(inf|nan)$/i.test(text)) return Number.NaN;
  const value = Number(text);
  if (text.trim() === "" || Number.isNaN(value)) {
    throw catalogError(file.name, SERVICE_GRAPH_METRIC, where, `"${text}" is not a number`);
  }
  return value;
}
