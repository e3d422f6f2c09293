import { z } from "zod";

/** The counter Tempo's metrics-generator and Grafana Agent/Alloy write for each client → server pair. */
export const SERVICE_GRAPH_METRIC = "traces_service_graph_request_total";

const ZSample = z.tuple([z.number(), z.string()]);

/** A Prometheus query-API response (GET /api/v1/query, or query_range: its last sample counts). */
export const ZPrometheusQueryResponse = z.object({
  status: z.string(),
  error: z.string().nullish(),
  data: z
    .object({
      resultType: z.enum(["vector", "matrix"]),
      result: z.array(
        z.object({
          metric: z.record(z.string(), z.string()),
          value: ZSample.nullish(),
          values: z.array(ZSample).nullish(),
        }),
      ),
    })
    .nullish(),
});
