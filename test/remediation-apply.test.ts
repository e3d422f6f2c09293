import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  POST as createRemediation,
  GET as listRemediations,
} from "@/app/api/incidents/[id]/remediations/route";
import { POST as applyRoute } from "@/app/api/remediations/[id]/apply/route";
import { resetEnvForTests } from "@/lib/env";
import { runJobNow } from "@/lib/jobs/run-job-now";
import { createLocalBareRepo } from "@/lib/remediation/executors/create-local-bare-repo";
import { git } from "@/lib/remediation/executors/git-test-helper";
import type { TRemediationView } from "@/lib/remediation/schemas";
import { buildOrderServiceRelease } from "@/lib/scenarios/order-service-release";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { seedOrderServiceStorm, type TStormSenders } from "./helpers/order-service-storm";
import { getRequest, jsonRequest, routeParams } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
let viewer: TTestActor;
let responder: TTestActor;
let senders: TStormSenders;
let incidentId = 0;

async function listSuggestions(): Promise<TRemediationView[]> {
  const response = await listRemediations(
    getRequest(`/api/incidents/${incidentId}/remediations`, viewer.headers),
    routeParams({ id: String(incidentId) }),
  );
  return (await response.json()).remediations;
}

async function apply(id: number, diffHash: unknown, headers = responder.headers) {
  const response = await applyRoute(
    jsonRequest(`/api/remediations/${id}/apply`, { diffHash }, headers),
    routeParams({ id: String(id) }),
  );
  return { status: response.status, body: await response.json() };
}

const countRows = async (remediationId: number) => ({
  applies: await testDb.db.prisma.remediationApply.count({ where: { remediationId } }),
  audit: await testDb.db.prisma.auditEntry.count({
    where: { action: "remediation.apply", objectId: String(remediationId) },
  }),
  timeline: await testDb.db.prisma.timelineEvent.count({
    where: { incidentId, kind: { startsWith: "remediation." } },
  }),
});

beforeAll(async () => {
  viewer = await createTestActor("viewer");
  responder = await createTestActor("responder");
  senders = await seedOrderServiceStorm();
  incidentId = (
    await testDb.db.prisma.incident.findFirstOrThrow({
      where: { title: { contains: "order-service" } },
    })
  ).id;
});

describe("applying a remediation with the dry-run executor", () => {
  it("refuses nobody (401), a viewer (403), a malformed hash (422) and an unknown id (404)", async () => {
    const [rollback] = await listSuggestions();
    if (!rollback) throw new Error("no suggestion");
    expect((await apply(rollback.id, rollback.diffHash, {})).status).toBe(401);
    const asViewer = await apply(rollback.id, rollback.diffHash, viewer.headers);
    expect(asViewer.status).toBe(403);
    expect(asViewer.body.error.message).toContain("responder");
    const malformed = await apply(rollback.id, "abc");
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.message).toContain("diffHash");
    expect((await apply(999_999, rollback.diffHash)).status).toBe(404);
    expect(await countRows(rollback.id)).toMatchObject({ applies: 0, audit: 0 });
  });

  it("keeps nothing when the timeline row fails: apply, audit and timeline share one transaction", async () => {
    const [rollback] = await listSuggestions();
    if (!rollback) throw new Error("no suggestion");
    const before = await countRows(rollback.id);
    await testDb.db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_remediation_timeline() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'timeline refused by test'; END $$ LANGUAGE plpgsql`);
    await testDb.db.prisma.$executeRawUnsafe(`
      CREATE TRIGGER refuse_remediation_timeline BEFORE INSERT ON timeline_events FOR EACH ROW
      WHEN (NEW.kind LIKE 'remediation.%') EXECUTE FUNCTION refuse_remediation_timeline()`);
    const silence = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect((await apply(rollback.id, rollback.diffHash)).status).toBe(500);
    } finally {
      silence.mockRestore();
      await testDb.db.prisma.$executeRawUnsafe(
        "DROP TRIGGER refuse_remediation_timeline ON timeline_events",
      );
      await testDb.db.prisma.$executeRawUnsafe("DROP FUNCTION refuse_remediation_timeline()");
    }
    expect(await countRows(rollback.id)).toEqual(before);
  });

  it("applies exactly the reviewed hash once, with audit and timeline rows naming it", async () => {
    const [rollback] = await listSuggestions();
    if (!rollback) throw new Error("no suggestion");
    const first = await apply(rollback.id, rollback.diffHash);
    expect(first.status).toBe(200);
    expect(first.body.apply).toMatchObject({
      status: "dry-run",
      executor: "dry-run",
      diffHash: rollback.diffHash,
      actor: expect.stringContaining(responder.email),
    });
    expect(first.body.apply.message).toContain("k8s/order-service/deployment.yaml");
    expect(first.body.isRepeat).toBe(false);
    const timeline = await testDb.db.prisma.timelineEvent.findFirstOrThrow({
      where: { incidentId, kind: "remediation.applied" },
    });
    expect(timeline.text).toContain(rollback.diffHash.slice(0, 12));
    expect(timeline.text).toContain("Roll back order-service from v42 to v41");
    expect(timeline.data).toMatchObject({ diffHash: rollback.diffHash, status: "dry-run" });
    const audit = await testDb.db.prisma.auditEntry.findFirstOrThrow({
      where: { action: "remediation.apply", objectId: String(rollback.id) },
    });
    expect(audit.after).toMatchObject({ diffHash: rollback.diffHash, executor: "dry-run" });
    const rows = await countRows(rollback.id);

    const second = await apply(rollback.id, rollback.diffHash);
    expect(second.status).toBe(200);
    expect(second.body.isRepeat).toBe(true);
    expect(second.body.apply.id).toBe(first.body.apply.id);
    expect(await countRows(rollback.id)).toEqual(rows);
    expect(rows).toMatchObject({ applies: 1, audit: 1 });
  });

  it("answers 409 with the new preview when someone deployed since, and applies nothing", async () => {
    const created = await createRemediation(
      jsonRequest(
        `/api/incidents/${incidentId}/remediations`,
        { kind: "rollback", service: "order-service", toVersion: "v41" },
        responder.headers,
      ),
      routeParams({ id: String(incidentId) }),
    );
    const rollback: TRemediationView = (await created.json()).remediation;
    const reviewed = rollback.diffHash;
    const files = buildOrderServiceRelease("v42").map((file) =>
      file.path.endsWith("deployment.yaml")
        ? { ...file, content: file.content.replace("replicas: 3", "replicas: 5") }
        : file,
    );
    await senders.postChange(
      { service: "order-service", kind: "deploy", version: "v42.1", files },
      1,
    );
    const rows = await countRows(rollback.id);
    const stale = await apply(rollback.id, reviewed);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    expect(stale.body.remediation.diffHash).not.toBe(reviewed);
    expect(stale.body.remediation.fromVersion).toBe("v42.1");
    expect(stale.body.remediation.files[0].diff).toMatch(/^-\s+replicas: 5$/m);
    expect(await countRows(rollback.id)).toEqual(rows);

    const fresh = await apply(rollback.id, stale.body.remediation.diffHash);
    expect(fresh.status).toBe(200);
    expect(fresh.body.apply.diffHash).toBe(stale.body.remediation.diffHash);
  });

  it("says the fix held once the incident's alerts resolved in the verification window", async () => {
    const applyRow = await testDb.db.prisma.remediationApply.findFirstOrThrow({
      where: { status: "dry-run" },
      orderBy: { id: "desc" },
    });
    expect(applyRow.verifyAt?.getTime()).toBe(applyRow.requestedAt.getTime() + 10 * 60_000);
    const job = await testDb.db.prisma.job.findFirstOrThrow({
      where: { kind: "remediation.verify", key: `apply:${applyRow.id}` },
    });
    await testDb.db.prisma.alert.updateMany({
      where: { incidentId },
      data: { status: "resolved" },
    });
    await runJobNow(job.id, { now: applyRow.verifyAt ?? new Date() });
    const held = await testDb.db.prisma.timelineEvent.findFirstOrThrow({
      where: { incidentId, kind: "remediation.held" },
    });
    expect(held.text).toMatch(/^Fix held: all \d+ alerts resolved within 10 min/);
    expect(
      (await testDb.db.prisma.remediationApply.findUniqueOrThrow({ where: { id: applyRow.id } }))
        .verdict,
    ).toBe("held");
  });
});

describe("applying through GitOps to a real git remote", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-apply-gitops-"));
  const remote = path.join(dir, "remote.git");

  beforeAll(async () => {
    vi.stubEnv("FAULTLINE_EXECUTOR", "gitops");
    vi.stubEnv("FAULTLINE_GITOPS_REPO", remote);
    vi.stubEnv("FAULTLINE_GITOPS_WORKDIR", path.join(dir, "clone"));
    vi.stubEnv("FAULTLINE_GITOPS_TIMEOUT_SECONDS", "10");
    resetEnvForTests();
    await testDb.db.prisma.alert.updateMany({ where: { incidentId }, data: { status: "firing" } });
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("retries a push while git is unreachable, then commits the reviewed files with the incident in the message", async () => {
    const revert = {
      kind: "revert",
      service: "order-service",
      toVersion: "v41",
      files: ["k8s/order-service/configmap.yaml"],
    };
    const created = await createRemediation(
      jsonRequest(`/api/incidents/${incidentId}/remediations`, revert, responder.headers),
      routeParams({ id: String(incidentId) }),
    );
    const remediation: TRemediationView = (await created.json()).remediation;
    const silence = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const pending = await apply(remediation.id, remediation.diffHash).finally(() =>
      silence.mockRestore(),
    );
    expect(pending.status).toBe(202);
    expect(pending.body.apply.status).toBe("pending");
    const job = await testDb.db.prisma.job.findFirstOrThrow({
      where: { kind: "remediation.push" },
      orderBy: { id: "desc" },
    });
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job.lastError).toMatch(/reach|unavailable|not found|does not exist/i);

    await createLocalBareRepo(remote, {
      branch: "main",
      initialFiles: Object.fromEntries(
        buildOrderServiceRelease("v42").map((file) => [file.path, file.content]),
      ),
    });
    await runJobNow(job.id, { now: job.runAt });
    const applied = await testDb.db.prisma.remediationApply.findFirstOrThrow({
      where: { remediationId: remediation.id },
    });
    expect(applied.status).toBe("applied");
    const message = git(remote, "log", "-1", "--format=%B", "main");
    expect(message).toContain(`Faultline-Diff-Hash: ${remediation.diffHash}`);
    expect(message).toContain(`Faultline-Remediation: ${remediation.id}`);
    expect(message).toContain(`${incidentId}`);
    const configMap = git(remote, "show", "main:k8s/order-service/configmap.yaml");
    expect(configMap).toContain('PAYMENT_TIMEOUT_MS: "3000"');
    const timeline = await testDb.db.prisma.timelineEvent.findFirstOrThrow({
      where: {
        incidentId,
        kind: "remediation.applied",
        data: { path: ["applyId"], equals: applied.id },
      },
    });
    expect(timeline.text).toContain(remediation.diffHash.slice(0, 12));
  });

  it("says the fix did not hold and offers its undo, with its own diff and hash", async () => {
    const applied = await testDb.db.prisma.remediationApply.findFirstOrThrow({
      where: { status: "applied" },
      orderBy: { id: "desc" },
    });
    const job = await testDb.db.prisma.job.findFirstOrThrow({
      where: { kind: "remediation.verify", key: `apply:${applied.id}` },
    });
    await runJobNow(job.id, { now: applied.verifyAt ?? new Date() });
    const verdict = await testDb.db.prisma.timelineEvent.findFirstOrThrow({
      where: { incidentId, kind: "remediation.did_not_hold" },
    });
    expect(verdict.text).toMatch(/^Fix did not hold: \d+ of \d+ alerts still firing 10 min after/);
    const undo = (await listSuggestions()).find((item) => item.origin === "undo");
    expect(undo).toBeDefined();
    expect(verdict.text).toContain(`remediation #${undo?.id}`);
    expect(undo?.undoesRemediationId).toBe(applied.remediationId);
    expect(undo?.files[0]?.diff).toMatch(/^-\s+PAYMENT_TIMEOUT_MS: "3000"$/m);
    expect(undo?.files[0]?.diff).toMatch(/^\+\s+PAYMENT_TIMEOUT_MS: "800"$/m);
    expect(undo?.diffHash).toMatch(/^[0-9a-f]{64}$/);

    const undone = await apply(undo?.id ?? 0, undo?.diffHash);
    expect(undone.status).toBe(200);
    expect(git(remote, "show", "main:k8s/order-service/configmap.yaml")).toContain(
      'PAYMENT_TIMEOUT_MS: "800"',
    );
  });

  it("answers 409 and applies nothing when the push is rejected because the remote moved; the same hash applies once reviewed again", async () => {
    const created = await createRemediation(
      jsonRequest(
        `/api/incidents/${incidentId}/remediations`,
        { kind: "scale", service: "order-service", workload: "order-service", replicas: 7 },
        responder.headers,
      ),
      routeParams({ id: String(incidentId) }),
    );
    const scale: TRemediationView = (await created.json()).remediation;
    // Someone pushes by hand between our fetch and our push: post-commit runs in that window.
    const other = path.join(dir, "other");
    git(dir, "clone", "--quiet", remote, other);
    fs.writeFileSync(
      path.join(dir, "clone", ".git", "hooks", "post-commit"),
      [
        "#!/bin/sh",
        "unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_PREFIX",
        `cd '${other}'`,
        "echo 'by hand' > hand.txt",
        "git add -A && git -c user.name=someone -c user.email=someone@example.com commit -q -m 'Hand edit' && git push -q origin HEAD:main",
        'rm -f "$0"',
      ].join("\n"),
      { mode: 0o755 },
    );
    const rejected = await apply(scale.id, scale.diffHash);
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.message).toMatch(/remote moved/);
    expect(rejected.body.apply.status).toBe("failed");
    const handHead = git(other, "rev-parse", "HEAD");
    expect(git(remote, "rev-parse", "main")).toBe(handHead);
    expect(git(remote, "show", "main:k8s/order-service/deployment.yaml")).not.toContain(
      "replicas: 7",
    );
    expect(
      await testDb.db.prisma.timelineEvent.count({
        where: {
          incidentId,
          kind: "remediation.failed",
          data: { path: ["remediationId"], equals: scale.id },
        },
      }),
    ).toBe(1);

    const retried = await apply(scale.id, scale.diffHash);
    expect(retried.status).toBe(200);
    expect(retried.body.apply.status).toBe("applied");
    expect(git(remote, "rev-parse", "main^")).toBe(handHead);
    expect(git(remote, "show", "main:k8s/order-service/deployment.yaml")).toContain("replicas: 7");
  });
});
