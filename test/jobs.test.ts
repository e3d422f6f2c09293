import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import { claimDueJobs } from "@/lib/jobs/claim-due-jobs";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { ensureRecurringJobs } from "@/lib/jobs/ensure-recurring-jobs";
import { RECURRING_JOB_KEY } from "@/lib/jobs/job-handlers";
import { runClaimedJob } from "@/lib/jobs/run-claimed-job";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { runJobNow } from "@/lib/jobs/run-job-now";
import { buildAlertmanagerPayload } from "@/lib/scenarios/alertmanager-payload";
import { ECOMMERCE_TOPOLOGY } from "@/prisma/seed/ecommerce-topology";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { jsonRequest, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
const seconds = (from: Date, count: number) => new Date(from.getTime() + count * 1000);

/** Queues a job the way callers do: inside their own transaction. */
const enqueue = (input: Parameters<typeof enqueueJob>[1]) =>
  testDb.db.prisma.$transaction((tx) => enqueueJob(tx, input));
const getJob = (id: number | null) =>
  testDb.db.prisma.job.findUniqueOrThrow({ where: { id: id ?? -1 } });

beforeEach(async () => {
  await testDb.db.prisma.job.deleteMany();
});

describe("durable jobs", () => {
  it("runs an enqueued job once it is due, and marks it done", async () => {
    const now = new Date();
    const id = await enqueue({ kind: "incidents.auto-resolve", runAt: seconds(now, 10) });
    expect(id).toEqual(expect.any(Number));
    expect(await runDueJobs({ now })).toEqual([]);
    expect(await runDueJobs({ now: seconds(now, 10) })).toEqual([
      { jobId: id, kind: "incidents.auto-resolve", outcome: "done" },
    ]);
    const job = await getJob(id);
    expect(job).toMatchObject({ status: "done", attempts: 1, lockedBy: null, lastError: null });
    expect(job.finishedAt).toEqual(seconds(now, 10));
    expect(await runDueJobs({ now: seconds(now, 60) })).toEqual([]);
  });

  it("commits a job with the caller's transaction, and treats a repeated key as a no-op", async () => {
    const runAt = new Date();
    const first = await enqueue({ kind: "correlation.catch-up", key: "k1", runAt });
    expect(await enqueue({ kind: "correlation.catch-up", key: "k1", runAt })).toBeNull();
    // The same key under another kind, and jobs without a key, never collide.
    expect(await enqueue({ kind: "incidents.auto-resolve", key: "k1", runAt })).not.toBeNull();
    expect(await enqueue({ kind: "correlation.catch-up", runAt })).not.toBeNull();
    expect(await enqueue({ kind: "correlation.catch-up", runAt })).not.toBeNull();
    await expect(
      testDb.db.prisma.$transaction(async (tx) => {
        await enqueueJob(tx, { kind: "correlation.catch-up", key: "rolled-back", runAt });
        throw new Error("the caller's mutation failed");
      }),
    ).rejects.toThrow("the caller's mutation failed");
    const jobs = await testDb.db.prisma.job.findMany({ orderBy: { id: "asc" } });
    expect(jobs.map((job) => [job.kind, job.key])).toEqual([
      ["correlation.catch-up", "k1"],
      ["incidents.auto-resolve", "k1"],
      ["correlation.catch-up", null],
      ["correlation.catch-up", null],
    ]);
    expect(jobs[0]?.id).toBe(first);
  });

  it("re-arms a finished job of the same key when asked, and leaves a queued one alone", async () => {
    const now = new Date();
    const input = { kind: "correlation.catch-up", key: "rerun", onConflict: "rearm" } as const;
    const id = await enqueue({ ...input, runAt: now });
    expect(await enqueue({ ...input, runAt: seconds(now, 30) })).toBeNull();
    expect((await getJob(id)).runAt).toEqual(now);
    await runJobNow(id ?? -1, { now });
    expect((await getJob(id)).status).toBe("done");
    expect(await enqueue({ ...input, runAt: seconds(now, 5) })).toBe(id);
    expect(await getJob(id)).toMatchObject({ status: "queued", attempts: 0, finishedAt: null });
    expect(await runDueJobs({ now: seconds(now, 5) })).toEqual([
      { jobId: id, kind: "correlation.catch-up", outcome: "done" },
    ]);
  });

  it("retries a failing job with growing delays, then marks it failed after max attempts", async () => {
    const now = new Date();
    // The handler rejects a payload it does not know, on every attempt.
    const id = await enqueue({
      kind: "incidents.auto-resolve",
      runAt: now,
      payload: { unexpected: true },
      maxAttempts: 3,
    });
    expect((await runDueJobs({ now })).map((o) => o.outcome)).toEqual(["retry"]);
    let job = await getJob(id);
    expect(job).toMatchObject({ status: "queued", attempts: 1, lockedBy: null });
    expect(job.runAt).toEqual(seconds(now, 2));
    expect(job.lastError).toMatch(/^invalid payload: .*Unrecognized key: "unexpected"/);

    expect(await runDueJobs({ now: seconds(now, 1) })).toEqual([]);
    expect((await runDueJobs({ now: seconds(now, 2) })).map((o) => o.outcome)).toEqual(["retry"]);
    job = await getJob(id);
    expect(job.runAt).toEqual(seconds(now, 2 + 4));

    expect((await runDueJobs({ now: seconds(now, 6) })).map((o) => o.outcome)).toEqual(["failed"]);
    job = await getJob(id);
    expect(job).toMatchObject({ status: "failed", attempts: 3 });
    expect(job.finishedAt).toEqual(seconds(now, 6));
    expect(await runDueJobs({ now: seconds(now, 3600) })).toEqual([]);
  });

  it("never gives the same job to two claimers at once", async () => {
    const now = new Date();
    const runAt = seconds(now, -1);
    await testDb.db.prisma.job.createMany({
      data: Array.from({ length: 60 }, () => ({ kind: "correlation.catch-up", runAt })),
    });
    // On PostgreSQL these run on separate connections, at the same time.
    const claims = await Promise.all(
      ["a", "b", "c", "d"].map((workerId) => claimDueJobs(testDb.db, { now, limit: 20, workerId })),
    );
    const ids = claims.flat().map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(60);
    expect(claims.every((claim) => claim.length <= 20)).toBe(true);
    const jobs = await testDb.db.prisma.job.findMany();
    const holderOf = new Map(
      claims.flatMap((claim) => claim.map((job) => [job.id, job.locked_by])),
    );
    expect(jobs.every((job) => job.attempts === 1 && job.lockedBy === holderOf.get(job.id))).toBe(
      true,
    );
  });

  it("lets another worker reclaim a job whose lease ran out, and fences off the old holder", async () => {
    const now = new Date();
    const id = await enqueue({ kind: "incidents.auto-resolve", runAt: now });
    const [crashed] = await claimDueJobs(testDb.db, { now, limit: 5, workerId: "crashed" });
    expect(crashed?.id).toBe(id);
    expect(
      await claimDueJobs(testDb.db, { now: seconds(now, 59), limit: 5, workerId: "w2" }),
    ).toEqual([]);

    const [reclaimed] = await claimDueJobs(testDb.db, {
      now: seconds(now, 61),
      limit: 5,
      workerId: "w2",
    });
    expect(reclaimed).toMatchObject({ id, attempts: 2, locked_by: "w2" });
    // The first holder coming back late records nothing over the new lease.
    if (crashed) await runClaimedJob(testDb.db, crashed, seconds(now, 62));
    expect(await getJob(id)).toMatchObject({ status: "queued", lockedBy: "w2" });
    if (reclaimed) await runClaimedJob(testDb.db, reclaimed, seconds(now, 62));
    expect(await getJob(id)).toMatchObject({ status: "done", attempts: 2, lockedBy: null });
  });

  it("runs one job at once with runJobNow, due or not, and only while it is queued", async () => {
    const id = await enqueue({
      kind: "incidents.auto-resolve",
      runAt: seconds(new Date(), 3600),
    });
    expect(await runJobNow(id ?? -1)).toMatchObject({ jobId: id, outcome: "done" });
    await expect(runJobNow(id ?? -1)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the recurring jobs", () => {
  let token = "";
  beforeAll(async () => {
    await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
    token = (await createTestIntegration("alertmanager")).secret;
  });

  it("resolve quiet incidents as a job, re-arming the one row of each kind", async () => {
    const startsAt = new Date();
    for (const status of ["firing", "resolved"] as const) {
      const labels = { alertname: "JobQuiet", service: "quiet-job", severity: "critical" };
      const payload = buildAlertmanagerPayload(
        [{ labels, startsAt, status, endsAt: status === "resolved" ? new Date() : undefined }],
        { groupLabels: { service: "quiet-job" } },
      );
      const request = jsonRequest("/api/webhooks/alertmanager", payload, bearer(token));
      expect((await postAlertmanager(request)).status).toBe(202);
      await settleCorrelation();
    }
    const alert = await testDb.db.prisma.alert.findFirstOrThrow({ where: { name: "JobQuiet" } });
    const incidentId = alert.incidentId ?? -1;

    const now = new Date();
    await ensureRecurringJobs(testDb.db, now);
    await ensureRecurringJobs(testDb.db, now);
    expect((await runDueJobs({ now })).map((o) => [o.kind, o.outcome]).sort()).toEqual([
      ["correlation.catch-up", "rearmed"],
      ["incidents.auto-resolve", "rearmed"],
    ]);
    const incident = () =>
      testDb.db.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect((await incident()).status).not.toBe("resolved");

    // Past the quiet period (5 minutes by default) the next run resolves it.
    const later = seconds(now, 6 * 60);
    await runDueJobs({ now: later });
    expect((await incident()).status).toBe("resolved");

    // Correlation also queued the incident's scoring; the recurring rows are the ones checked.
    const jobs = await testDb.db.prisma.job.findMany({
      where: { key: RECURRING_JOB_KEY },
      orderBy: { kind: "asc" },
    });
    expect(jobs.map((job) => [job.kind, job.key, job.status, job.attempts])).toEqual([
      ["correlation.catch-up", RECURRING_JOB_KEY, "queued", 0],
      ["incidents.auto-resolve", RECURRING_JOB_KEY, "queued", 0],
    ]);
    expect(jobs.every((job) => job.runAt.getTime() === seconds(later, 5).getTime())).toBe(true);
  });
});
