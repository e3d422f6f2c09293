import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postChange } from "@/app/api/changes/route";
import { GET as getChanges } from "@/app/api/services/[slug]/changes/route";
import { getPrisma } from "@/lib/db";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { getRequest, jsonRequest, routeParams } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

// A real manifest (GoogleCloudPlatform/microservices-demo), as a deploy pipeline would send it.
const MANIFEST = fs.readFileSync(
  path.join(import.meta.dirname, "fixtures/k8s/online-boutique/checkoutservice.yaml"),
  "utf8",
);

provideTestDatabase();
let token = "";
let viewer: TTestActor;
beforeAll(async () => {
  token = (await createTestIntegration("changes")).secret;
  viewer = await createTestActor("viewer");
});

const post = (body: unknown, headers: Record<string, string> = bearer(token)) =>
  postChange(jsonRequest("/api/changes", body, headers));

describe("POST /api/changes", () => {
  it("stores each version and identical file contents once; lists them newest first", async () => {
    const v2 = MANIFEST.replace(/image: (\S+)/, "image: $1-v2");
    const first = await post({
      service: "checkout-svc",
      kind: "deploy",
      version: "v1",
      at: "2026-12-01T10:00:00Z",
      files: [{ path: "k8s/checkoutservice.yaml", content: MANIFEST }],
    });
    expect(first.status).toBe(201);
    const second = await post({
      service: "checkout-svc",
      kind: "deploy",
      version: "v2",
      author: "ci",
      at: "2026-12-01T11:00:00Z",
      files: [
        { path: "k8s/checkoutservice.yaml", content: v2 },
        { path: "k8s/copy.yaml", content: MANIFEST },
      ],
    });
    expect(second.status).toBe(201);
    const prisma = await getPrisma();
    const shas = (
      await prisma.changeFile.findMany({
        where: { changeEvent: { service: { slug: "checkout-svc" } } },
      })
    ).map((file) => file.contentSha256);
    expect(shas).toHaveLength(3);
    expect(await prisma.fileContent.count({ where: { sha256: { in: shas } } })).toBe(2);
    const service = await prisma.service.findUniqueOrThrow({ where: { slug: "checkout-svc" } });
    expect(service.isUnmapped).toBe(true);

    const listed = await getChanges(
      getRequest("/api/services/checkout-svc/changes", viewer.headers),
      routeParams({ slug: "checkout-svc" }),
    );
    expect(listed.status).toBe(200);
    const { changes } = await listed.json();
    expect(changes.map((change: { version: string }) => change.version)).toEqual(["v2", "v1"]);
    expect(changes[0].files.map((file: { path: string }) => file.path)).toEqual([
      "k8s/checkoutservice.yaml",
      "k8s/copy.yaml",
    ]);
    expect(changes[0].author).toBe("ci");
    const audit = await prisma.auditEntry.findMany({ where: { action: "change.record" } });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it("stores a file that is not valid YAML, and says it will be diffed as plain text", async () => {
    const response = await post({
      service: "checkout-svc",
      kind: "config",
      version: "broken-1",
      files: [{ path: "values.yaml", content: "a: [unclosed\n  b: :" }],
    });
    expect(response.status).toBe(201);
    const { change } = await response.json();
    expect(change.notes).toEqual([
      "values.yaml is not valid YAML: it is stored, and diffed as plain text",
    ]);
  });

  it("refuses bad input naming the field, a bad token with 401, and stores nothing", async () => {
    const prisma = await getPrisma();
    const before = await prisma.changeEvent.count();
    const missing = await post({ service: "checkout-svc", kind: "deploy" });
    expect(missing.status).toBe(422);
    expect(JSON.stringify(await missing.json())).toContain("version");
    const badKind = await post({ service: "a", kind: "reboot", version: "1" });
    expect(badKind.status).toBe(422);
    expect(JSON.stringify(await badKind.json())).toContain("kind");
    const outside = await post({
      service: "a",
      kind: "deploy",
      version: "1",
      files: [{ path: "../etc/passwd", content: "x" }],
    });
    expect(outside.status).toBe(422);
    expect(JSON.stringify(await outside.json())).toContain("files[0].path");
    const notJson = await postChange(
      new Request("http://localhost/api/changes", {
        method: "POST",
        body: "{",
        headers: { "content-type": "application/json", ...bearer(token) },
      }),
    );
    expect(notJson.status).toBe(400);
    const unauthenticated = await post(
      { service: "a", kind: "deploy", version: "1" },
      bearer("nope"),
    );
    expect(unauthenticated.status).toBe(401);
    const viewerToken = await post({ service: "a", kind: "deploy", version: "1" }, viewer.headers);
    expect(viewerToken.status).toBe(401);
    expect(await prisma.changeEvent.count()).toBe(before);
  });

  it("GET /api/services/:slug/changes: 404 for an unknown service, 401 anonymous", async () => {
    const unknown = await getChanges(
      getRequest("/api/services/nope/changes", viewer.headers),
      routeParams({ slug: "nope" }),
    );
    expect(unknown.status).toBe(404);
    const anonymous = await getChanges(
      getRequest("/api/services/checkout-svc/changes"),
      routeParams({ slug: "checkout-svc" }),
    );
    expect(anonymous.status).toBe(401);
  });
});
