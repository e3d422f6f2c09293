import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getBlastRadius } from "@/app/api/incidents/[id]/blast-radius/route";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { buildAlertmanagerPayload } from "@/lib/scenarios/alertmanager-payload";
import { ECOMMERCE_TOPOLOGY } from "@/prisma/seed/ecommerce-topology";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { getRequest, jsonRequest, routeParams, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";
import { waitFor } from "./helpers/wait-for";

// A real Prometheus (Debian's) scrapes a tiny exporter; the map asks it for a service's error rate.
const testDb = provideTestDatabase();
let viewer: TTestActor;
beforeAll(async () => {
  viewer = await createTestActor("viewer");
});
let exporter: http.Server;
let prometheus: ChildProcess;
let prometheusUrl = "";
let workDir = "";

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  exporter = http
    .createServer((_request, response) => {
      response.setHeader("content-type", "text/plain; version=0.0.4");
      response.end(
        '# TYPE faultline_test_error_ratio gauge\nfaultline_test_error_ratio{service="search-service"} 0.25\n',
      );
    })
    .listen(0, "127.0.0.1");
  await new Promise((resolve) => exporter.once("listening", resolve));
  const exporterPort = (exporter.address() as AddressInfo).port;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-prometheus-"));
  fs.writeFileSync(
    path.join(workDir, "prometheus.yml"),
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: exporter\n    static_configs:\n      - targets: ["127.0.0.1:${exporterPort}"]\n`,
  );
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    "prometheus",
    [
      `--config.file=${path.join(workDir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(workDir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: "ignore" },
  );
  // Until the first scrape has landed.
  await waitFor("Prometheus to scrape the exporter", async () => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=faultline_test_error_ratio`);
    return response.ok && (await response.json()).data?.result?.length === 1;
  });
}, 60_000);

afterAll(async () => {
  prometheus?.kill("SIGTERM");
  exporter?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("a service whose catalog entry names a Prometheus", () => {
  it("is amber on the map when Prometheus reports its error rate above the threshold", async () => {
    await applyCatalogSnapshot({
      ...ECOMMERCE_TOPOLOGY,
      services: ECOMMERCE_TOPOLOGY.services.map((service) =>
        service.slug === "search-service"
          ? {
              ...service,
              metadata: {
                ...service.metadata,
                prometheus: {
                  url: prometheusUrl,
                  errorRateQuery: 'faultline_test_error_ratio{service="search-service"}',
                },
                thresholds: { errorRate: 0.05 },
              },
            }
          : service,
      ),
    });
    const { secret } = await createTestIntegration("alertmanager");
    const payload = buildAlertmanagerPayload(
      [
        {
          labels: { alertname: "DiskSpaceLow", service: "search-index", severity: "critical" },
          startsAt: new Date(),
        },
      ],
      { groupLabels: { service: "search-index" } },
    );
    await postAlertmanager(jsonRequest("/x", payload, bearer(secret)));
    await settleCorrelation();
    const incident = await testDb.db.prisma.incident.findFirstOrThrow();

    const response = await getBlastRadius(
      getRequest("/x", viewer.headers),
      routeParams({ id: String(incident.id) }),
    );
    const data: IncidentBlastRadius = await response.json();
    const search = data.nodes.find((node) => node.slug === "search-service");
    expect(search).toMatchObject({ state: "amber", role: "impacted" });
    expect(search?.reasons).toContain("error rate elevated");
  });
});
