import type { ObservedEdge } from "../schemas";
import { SERVICE_GRAPH_METRIC } from "./schemas";

/** One client → server pair as Tempo's metrics-generator counts it. */
export type TServiceGraphSeries = ObservedEdge & {
  /** Tempo's label: "" for calls, "database" or "messaging_system" for those. */
  connectionType: string;
  failed: number;
};

const FAILED_METRIC = "traces_service_graph_request_failed_total";

/** Writes service-graph counters in Prometheus text exposition format. */
export function writeServiceGraph(series: TServiceGraphSeries[]): string {
  const line = (metric: string, edge: TServiceGraphSeries, value: number) =>
    `${metric}{client="${escapeLabel(edge.client)}",connection_type="${escapeLabel(edge.connectionType)}",server="${escapeLabel(edge.server)}"} ${value}`;
  return [
    `# HELP ${SERVICE_GRAPH_METRIC} Total count of requests between two nodes`,
    `# TYPE ${SERVICE_GRAPH_METRIC} counter`,
    ...series.map((edge) => line(SERVICE_GRAPH_METRIC, edge, edge.requests)),
    `# HELP ${FAILED_METRIC} Total count of failed requests between two nodes`,
    `# TYPE ${FAILED_METRIC} counter`,
    ...series
      .filter((edge) => edge.failed > 0)
      .map((edge) => line(FAILED_METRIC, edge, edge.failed)),
    "",
  ].join("\n");
}

const escapeLabel = (value: string) =>
  value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
