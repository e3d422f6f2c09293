import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { parseServiceGraph } from "./parse-service-graph";

const parse = (text: string, name = "graph.prom") => parseServiceGraph({ name, text });

describe("parseServiceGraph", () => {
  it("reads Prometheus text: sums pairs, skips self-edges, unlabelled series and other metrics", () => {
    const text = [
      "# HELP traces_service_graph_request_total Total count of requests between two nodes",
      "# TYPE traces_service_graph_request_total counter",
      'traces_service_graph_request_total{client="web",server="orders",connection_type=""} 100 1717236000000',
      'traces_service_graph_request_total{connection_type="",server="orders",client="web"} 20.5',
      'traces_service_graph_request_total{client="Web Shop",server="say \\"hi\\" \\\\ bye",} 7',
      'traces_service_graph_request_total{client="orders",server="orders"} 9',
      'traces_service_graph_request_total{client="orders"} 9',
      'traces_service_graph_request_total{client="orders",server="db"} NaN',
      'traces_service_graph_request_total{client="idle",server="db"} 0',
      'traces_service_graph_request_failed_total{client="web",server="orders"} 3',
      'traces_service_graph_request_total_extra{client="web",server="x"} 3',
      "",
    ].join("\n");
    expect(parse(text)).toEqual([
      { client: "web", server: "orders", requests: 120.5 },
      { client: "web-shop", server: "say-hi-bye", requests: 7 },
    ]);
  });

  it("reads a Prometheus query-API vector, and the last sample of a matrix", () => {
    const vector = {
      status: "success",
      data: {
        resultType: "vector",
        result: [
          { metric: { client: "web", server: "orders" }, value: [1717236000, "42"] },
          { metric: { client: "web", server: "orders", instance: "b" }, value: [1717236000, "8"] },
          { metric: { server: "orders" }, value: [1717236000, "1"] },
        ],
      },
    };
    expect(parse(JSON.stringify(vector), "graph.json")).toEqual([
      { client: "web", server: "orders", requests: 50 },
    ]);
    const matrix = {
      status: "success",
      data: {
        resultType: "matrix",
        result: [
          {
            metric: { client: "a", server: "b" },
            values: [
              [1, "3"],
              [2, "5"],
            ],
          },
        ],
      },
    };
    expect(parse(JSON.stringify(matrix), "graph.json")).toEqual([
      { client: "a", server: "b", requests: 5 },
    ]);
  });

  it.each([
    [
      "no series of the metric",
      "# nothing here\nup 1\n",
      "graph.prom: traces_service_graph_request_total: no series found",
    ],
    [
      "a broken label set",
      'traces_service_graph_request_total{client="a,server="b"} 1\n',
      "graph.prom: traces_service_graph_request_total: line 1: expected , or } after a label",
    ],
    [
      "an unreadable value",
      '# x\ntraces_service_graph_request_total{client="a",server="b"} lots\n',
      'graph.prom: traces_service_graph_request_total: line 2: "lots" is not a number',
    ],
    [
      "a failed query",
      JSON.stringify({ status: "error", errorType: "bad_data", error: "parse error" }),
      "graph.prom: traces_service_graph_request_total: status: query failed: parse error",
    ],
    [
      "an empty query result",
      JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } }),
      "graph.prom: traces_service_graph_request_total: no series found",
    ],
  ])("names the file and metric for %s", (_case, text, message) => {
    expect(() => parse(text)).toThrow(message);
    expect(() => parse(text)).toThrow(AppError);
  });
});
