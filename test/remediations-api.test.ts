import { beforeAll, describe, expect, it } from "vitest";
import {
  POST as createRemediation,
  GET as listRemediations,
} from "@/app/api/incidents/[id]/remediations/route";
import type { TRemediationView } from "@/lib/remediation/schemas";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { seedOrderServiceStorm, type TStormSenders } from "./helpers/order-service-storm";
import { getRequest, jsonRequest, routeParams } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
let viewer: TTestActor;
let responder: TTestActor;
let senders: TStormSenders;
let incidentId = 0;

async function list(): Promise<TRemediationView[]> {
  const response = await listRemediations(
    getRequest(`/api/incidents/${incidentId}/remediations`, viewer.headers),
    routeParams({ id: String(incidentId) }),
  );
  expect(response.status).toBe(200);
  return (await response.json()).remediations;
}

async function create(body: unknown, actor = responder) {
  const response = await createRemediation(
    jsonRequest(`/api/incidents/${incidentId}/remediations`, body, actor.headers),
    routeParams({ id: String(incidentId) }),
  );
  return { status: response.status, body: await response.json() };
}

describe("suggested remediations", () => {
  beforeAll(async () => {
    viewer = await createTestActor("viewer");
    responder = await createTestActor("responder");
    senders = await seedOrderServiceStorm();
    const incident = await testDb.db.prisma.incident.findFirstOrThrow({
      where: { title: { contains: "order-service" } },
    });
    incidentId = incident.id;
  });

  it("suggests rolling order-service back from v42 to v41, warning that the ConfigMap stays", async () => {
    const [rollback, ...others] = await list();
    expect(others).toEqual([]);
    expect(rollback).toMatchObject({
      kind: "rollback",
      origin: "suggested",
      service: "order-service",
      fromVersion: "v42",
      toVersion: "v41",
      summary: "Roll back order-service from v42 to v41",
    });
    expect(rollback?.diffHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rollback?.files.map((file) => file.path)).toEqual(["k8s/order-service/deployment.yaml"]);
    const diff = rollback?.files[0]?.diff ?? "";
    expect(diff).toMatch(/^-\s+image: registry.shop.example.com\/order-service:v42$/m);
    expect(diff).toMatch(/^\+\s+image: registry.shop.example.com\/order-service:v41$/m);
    expect(diff).toMatch(/^-\s+timeoutSeconds: 2$/m);
    expect(diff).toMatch(/^\+\s+timeoutSeconds: 10$/m);
    const warning = rollback?.warnings.find((item) => item.code === "not_reverted");
    expect(warning?.message).toContain("ConfigMap");
    expect(warning?.message).toContain("will NOT be reverted");
  });

  it("keeps one row per suggestion and one hash while nothing moves", async () => {
    const [first] = await list();
    const [second] = await list();
    expect(second?.id).toBe(first?.id);
    expect(second?.diffHash).toBe(first?.diffHash);
    expect(await testDb.db.prisma.remediation.count({ where: { incidentId } })).toBe(1);
  });

  it("starts a revert of the ConfigMap by hand, as a responder, with audit and timeline rows", async () => {
    const answer = await create({
      kind: "revert",
      service: "order-service",
      toVersion: "v41",
      files: ["k8s/order-service/configmap.yaml"],
    });
    expect(answer.status).toBe(201);
    const remediation: TRemediationView = answer.body.remediation;
    expect(remediation).toMatchObject({ kind: "revert", origin: "manual", toVersion: "v41" });
    expect(remediation.files[0]?.diff).toMatch(/^-\s+PAYMENT_TIMEOUT_MS: "800"$/m);
    expect(remediation.files[0]?.diff).toMatch(/^\+\s+PAYMENT_TIMEOUT_MS: "3000"$/m);
    const audit = await testDb.db.prisma.auditEntry.findFirst({
      where: { action: "remediation.create", objectId: String(remediation.id) },
    });
    expect(audit?.actor).toContain(responder.email);
    const timeline = await testDb.db.prisma.timelineEvent.findFirst({
      where: { incidentId, kind: "remediation.previewed" },
    });
    expect(timeline?.data).toMatchObject({ remediationId: remediation.id });
  });

  it("refuses a viewer (403), bad input (422) and unknown services or versions (404)", async () => {
    const rollback = { kind: "rollback", service: "order-service" };
    expect((await create(rollback, viewer)).status).toBe(403);
    const bad = await create({ kind: "rollback" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain("service");
    expect((await create({ kind: "reboot", service: "order-service" })).status).toBe(422);
    expect((await create({ ...rollback, service: "no-such" })).status).toBe(404);
    const missing = await create({ ...rollback, toVersion: "v7" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('"v7"');
    const scale = await create({
      kind: "scale",
      service: "order-service",
      workload: "nope",
      replicas: 3,
    });
    expect(scale.status).toBe(422);
  });

  it("scales the Deployment by hand, changing only its replica count", async () => {
    const answer = await create({
      kind: "scale",
      service: "order-service",
      workload: "order-service",
      replicas: 6,
    });
    expect(answer.status).toBe(201);
    const diff: string = answer.body.remediation.files[0].diff;
    expect(diff.split("\n").filter((line) => /^[+-]\s/.test(line))).toHaveLength(2);
    expect(diff).toMatch(/^\+\s+replicas: 6$/m);
  });

  it("moves the suggestion's hash when someone deploys again", async () => {
    const [before] = await list();
    await senders.postChange(
      {
        service: "order-service",
        kind: "deploy",
        version: "v43",
        files: [
          {
            path: "k8s/order-service/deployment.yaml",
            content:
              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: order-service\nspec:\n  replicas: 9\n",
          },
        ],
      },
      1,
    );
    const [after] = await list();
    expect(after?.id).toBe(before?.id);
    expect(after?.fromVersion).toBe("v43");
    expect(after?.diffHash).not.toBe(before?.diffHash);
  });
});
