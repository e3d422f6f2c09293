import { describe, expect, it } from "vitest";
import { enqueueJob } from "../../lib/jobs/enqueue-job";
import { buildAlertmanagerPayload } from "../../lib/scenarios/alertmanager-payload";
import { createIntegrationViaApi, startAppServer } from "../../scripts/lib/app-server";
import { waitFor } from "../helpers/wait-for";
import { ADMIN_HEADERS, ADMIN_TOKEN, createTarget, openTarget, SERVER_ENV } from "./fault-helpers";

const TARGETS = process.env.DATABASE_URL
  ? (["PGlite", "PostgreSQL"] as const)
  : (["PGlite"] as const);

describe.each(TARGETS)("jobs that fall due while the app is down (%s)", (label) => {
  it("run exactly once after restart, including one a killed process held", async () => {
    const target = await createTarget(label);
    const port = label === "PGlite" ? 3421 : 3422;
    const serve = () =>
      startAppServer({
        port,
        dataDir: target.dataDir,
        databaseUrl: target.databaseUrl,
        env: SERVER_ENV,
      });
    let server = await serve();
    const token = await createIntegrationViaApi(server.baseUrl, ADMIN_TOKEN, "alertmanager");
    const startsAt = new Date();
    for (const status of ["firing", "resolved"] as const) {
      const labels = { alertname: "JobsRestart", service: "payment-service", severity: "critical" };
      const payload = buildAlertmanagerPayload(
        [{ labels, startsAt, status, endsAt: status === "resolved" ? new Date() : undefined }],
        { groupLabels: { service: "payment-service" } },
      );
      const response = await fetch(`${server.baseUrl}/api/webhooks/alertmanager`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(payload),
      });
      expect(response.status).toBe(202);
    }
    let incidentId = -1;
    await waitFor("the alert to be correlated", async () => {
      const response = await fetch(`${server.baseUrl}/api/incidents?limit=10`, {
        headers: ADMIN_HEADERS,
      });
      const { incidents } = (await response.json()) as { incidents: { id: number }[] };
      incidentId = incidents[0]?.id ?? -1;
      return incidentId > 0;
    });
    server.process.kill("SIGKILL");
    await server.stop("SIGKILL");

    // While it is down: the quiet period passes, a job falls due, and one a dead worker held expires.
    const db = await openTarget(target);
    let dueJobId: number | null = null;
    let orphanJobId: number | null = null;
    try {
      await db.query(
        "UPDATE alerts SET updated_at = now() - interval '1 hour' WHERE incident_id = $1",
        [incidentId],
      );
      const inSeconds = (count: number) => new Date(Date.now() + count * 1000);
      [dueJobId, orphanJobId] = await db.prisma.$transaction(async (tx) => [
        await enqueueJob(tx, {
          kind: "incidents.auto-resolve",
          key: "due-while-down",
          runAt: inSeconds(1),
        }),
        await enqueueJob(tx, {
          kind: "incidents.auto-resolve",
          key: "orphaned",
          runAt: inSeconds(-120),
        }),
      ]);
      await db.prisma.job.update({
        where: { id: orphanJobId ?? -1 },
        data: { attempts: 1, lockedBy: "killed-process", lockedUntil: inSeconds(-60) },
      });
    } finally {
      await db.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    server = await serve();
    await waitFor(
      "the incident to resolve itself",
      async () => {
        const response = await fetch(`${server.baseUrl}/api/incidents/${incidentId}`, {
          headers: ADMIN_HEADERS,
        });
        const body = (await response.json()) as { incident?: { status?: string } };
        return body.incident?.status === "resolved";
      },
      30_000,
    );
    // Long enough for a second run, had the worker one in it.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await server.stop();

    const after = await openTarget(target);
    try {
      const jobs = await after.prisma.job.findMany({
        where: { id: { in: [dueJobId ?? -1, orphanJobId ?? -1] } },
        orderBy: { id: "asc" },
      });
      expect(jobs.map((job) => [job.key, job.status, job.attempts, job.lastError])).toEqual([
        ["due-while-down", "done", 1, null],
        ["orphaned", "done", 2, null],
      ]);
      const recurring = await after.prisma.job.groupBy({
        by: ["kind"],
        where: { key: "recurring" },
        _count: true,
      });
      expect(recurring.map((row) => [row.kind, row._count]).sort()).toEqual([
        ["correlation.catch-up", 1],
        ["incidents.auto-resolve", 1],
      ]);
      const resolutions = await after.prisma.timelineEvent.count({
        where: { incidentId, text: { startsWith: "Resolved automatically" } },
      });
      expect(resolutions).toBe(1);
    } finally {
      await after.close();
    }
  }, 180_000);
});
