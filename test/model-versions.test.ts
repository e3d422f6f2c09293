import { describe, expect, it } from "vitest";
import type { TAuthContext, TRole } from "@/lib/auth/schemas";
import { appendTrainingRows } from "@/lib/scoring/append-training-rows";
import { getModelVersion } from "@/lib/scoring/get-model-version";
import { getPromotedModel } from "@/lib/scoring/get-promoted-model";
import { listModelVersions } from "@/lib/scoring/list-model-versions";
import { loadTrainingRows } from "@/lib/scoring/load-training-rows";
import { promoteModelVersion } from "@/lib/scoring/promote-model-version";
import { rollbackModelVersion } from "@/lib/scoring/rollback-model-version";
import { storeModelVersion } from "@/lib/scoring/store-model-version";
import { provideTestDatabase } from "./helpers/test-database";
import { makeTrainedModel } from "./helpers/trained-model";

const testDb = provideTestDatabase();

function contextOf(role: TRole): TAuthContext {
  return {
    actor: { label: `${role}@example.com`, userId: null, via: "session" },
    role,
    ip: null,
    userAgent: null,
  };
}
const lead = contextOf("lead");

async function modelAuditRows() {
  return testDb.db.prisma.auditEntry.findMany({
    where: { objectType: "model_version" },
    orderBy: { id: "asc" },
    select: { action: true, objectId: true, actor: true, before: true, after: true },
  });
}

describe("model versions", () => {
  it("stores versions, finds them by id or latest, and has none promoted until a lead promotes", async () => {
    expect(await getPromotedModel()).toBeNull();
    await expect(getModelVersion("latest")).rejects.toThrow(/No model has been trained yet/);
    const first = await storeModelVersion({
      trained: makeTrainedModel([1, 2]),
      source: "database",
      createdBy: "cli:test",
    });
    const second = await storeModelVersion({
      trained: makeTrainedModel([3, 4]),
      source: "csv:history.csv",
      createdBy: "cli:test",
    });
    expect(first.isPromoted).toBe(false);
    expect((await getModelVersion(first.id)).parameters.fit.weights).toEqual([1, 2]);
    expect((await getModelVersion("latest")).id).toBe(second.id);
    expect((await listModelVersions()).map((version) => version.id)).toEqual([second.id, first.id]);
    await expect(getModelVersion(999_999)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getPromotedModel()).toBeNull();
  });

  it("refuses to store a model whose numbers would not survive JSON", async () => {
    const broken = makeTrainedModel();
    broken.parameters.fit.intercept = Number.NaN;
    await expect(
      storeModelVersion({ trained: broken, source: "database", createdBy: "cli:test" }),
    ).rejects.toThrow(/fit.intercept/);
  });

  it("promotes (lead only), keeps one promoted, rolls back one step at a time, all audited", async () => {
    const versions = [];
    for (const weight of [10, 20, 30]) {
      versions.push(
        await storeModelVersion({
          trained: makeTrainedModel([weight]),
          source: "database",
          createdBy: "cli:test",
        }),
      );
    }
    const [a, b, c] = versions.map((version) => version.id) as [number, number, number];
    await expect(promoteModelVersion(contextOf("responder"), a)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(rollbackModelVersion(lead)).rejects.toThrow(/No model version is promoted/);
    await expect(promoteModelVersion(lead, 999_999)).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect((await promoteModelVersion(lead, a)).previousId).toBeNull();
    await expect(rollbackModelVersion(lead)).rejects.toThrow(/no earlier version to roll back to/);
    expect((await promoteModelVersion(lead, b)).previousId).toBe(a);
    expect((await promoteModelVersion(lead, b)).isChanged).toBe(false);
    await promoteModelVersion(lead, c);
    const promoted = await getPromotedModel();
    expect(promoted).toMatchObject({ id: c, isPromoted: true, promotedBy: "lead@example.com" });
    expect(await testDb.db.prisma.modelVersion.count({ where: { isPromoted: true } })).toBe(1);

    expect((await rollbackModelVersion(lead)).version.id).toBe(b);
    expect((await rollbackModelVersion(lead)).version.id).toBe(a);
    await expect(rollbackModelVersion(lead)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getPromotedModel())?.id).toBe(a);

    expect(await modelAuditRows()).toEqual([
      {
        action: "model.promote",
        objectId: String(a),
        actor: "lead@example.com",
        before: { promoted: null },
        after: { promoted: a },
      },
      {
        action: "model.promote",
        objectId: String(b),
        actor: "lead@example.com",
        before: { promoted: a },
        after: { promoted: b },
      },
      {
        action: "model.promote",
        objectId: String(c),
        actor: "lead@example.com",
        before: { promoted: b },
        after: { promoted: c },
      },
      {
        action: "model.rollback",
        objectId: String(b),
        actor: "lead@example.com",
        before: { promoted: c },
        after: { promoted: b },
      },
      {
        action: "model.rollback",
        objectId: String(a),
        actor: "lead@example.com",
        before: { promoted: b },
        after: { promoted: a },
      },
    ]);
  });

  it("the database itself refuses a second promoted version", async () => {
    await expect(
      testDb.db.query("UPDATE model_versions SET is_promoted = true WHERE NOT is_promoted", []),
    ).rejects.toThrow(/model_versions_one_promoted_key/);
  });
});

describe("training rows", () => {
  it("appends labelled rows in the caller's transaction and loads a time window, oldest first", async () => {
    const incident = await testDb.db.prisma.incident.create({
      data: {
        title: "checkout errors",
        severity: "critical",
        openedAt: new Date("2026-03-02T10:00:00Z"),
        lastAlertAt: new Date("2026-03-02T10:00:00Z"),
      },
    });
    const at = (iso: string) => new Date(iso).getTime();
    await testDb.db.prisma.$transaction(async (tx) => {
      await appendTrainingRows(
        tx,
        [
          { group: "inc-2", time: at("2026-03-02T10:00:00Z"), label: 1, features: { x: 2 } },
          { group: "inc-2", time: at("2026-03-02T10:00:00Z"), label: 0, features: { x: -1 } },
        ],
        { source: "confirmed", incidentId: incident.id },
      );
      await appendTrainingRows(
        tx,
        [{ group: "inc-1", time: at("2026-03-01T10:00:00Z"), label: 0, features: { x: 0.5 } }],
        { source: "simulated" },
      );
    });
    const all = await loadTrainingRows();
    expect(all.map((row) => [row.group, row.label])).toEqual([
      ["inc-1", 0],
      ["inc-2", 1],
      ["inc-2", 0],
    ]);
    expect(all[1]).toEqual({
      group: "inc-2",
      time: at("2026-03-02T10:00:00Z"),
      label: 1,
      features: { x: 2 },
    });
    expect(await loadTrainingRows({ since: new Date("2026-03-02T00:00:00Z") })).toHaveLength(2);
    expect(await loadTrainingRows({ until: new Date("2026-03-02T00:00:00Z") })).toHaveLength(1);
    const stored = await testDb.db.prisma.trainingRow.findMany({
      where: { incidentId: incident.id },
    });
    expect(stored).toHaveLength(2);
    await expect(
      testDb.db.prisma.$transaction((tx) =>
        appendTrainingRows(tx, [{ group: "g", time: 0, label: null, features: {} }], {
          source: "csv",
        }),
      ),
    ).rejects.toThrow(/row 1 has no label/);
  });
});
