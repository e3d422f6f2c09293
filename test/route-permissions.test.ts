import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getCliContext } from "@/lib/auth/get-cli-context";
import { revokeToken } from "@/lib/auth/manage-tokens";
import { hasRole } from "@/lib/auth/require-role";
import type { TRole } from "@/lib/auth/schemas";
import { readCatalogFiles } from "@/lib/catalog/read-catalog-files";
import { resetEnvForTests } from "@/lib/env";
import { createTestActor } from "./helpers/auth";
import { routeParams } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

provideTestDatabase();

const ROOT = path.join(import.meta.dirname, "..");
const API_DIR = path.join(ROOT, "app", "api");
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;
type TMethod = (typeof METHODS)[number];
type TScannedRoute = { key: string; method: TMethod; path: string; file: string };

/** Every handler exported from app/api/**\/route.ts, as "POST /api/incidents/:id/status". */
function scanRoutes(): TScannedRoute[] {
  const files = fs
    .readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .sort();
  return files.flatMap((file) => {
    const routePath = `/api/${path.dirname(file).split(path.sep).join("/")}`.replace(
      /\[([^\]]+)\]/g,
      ":$1",
    );
    const text = fs.readFileSync(path.join(API_DIR, file), "utf8");
    const exported = text.matchAll(
      /export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PATCH|PUT|DELETE)\b/g,
    );
    return [...exported].map(([, method]) => ({
      key: `${method} ${routePath}`,
      method: method as TMethod,
      path: routePath,
      file: path.join(API_DIR, file),
    }));
  });
}

/** Routes whose callers are not users, each with why; a whole subtree when it ends in "/". */
const EXCLUDED: { path: string; reason: string }[] = [
  {
    path: "/api/webhooks/",
    reason: "senders authenticate as integrations (token or signature); see webhook-auth.test.ts",
  },
  {
    path: "/api/signals",
    reason: "metrics pushers authenticate as a `signals` integration, not as a user",
  },
  {
    path: "/api/changes",
    reason: "deploy pipelines authenticate as a `changes` integration, not as a user",
  },
  {
    path: "/api/auth/",
    reason: "sign-in, sign-out and the OIDC callback are how one becomes a user: public by design",
  },
  { path: "/api/health", reason: "load balancers and probes call it without credentials" },
];

const isExcluded = (routePath: string) =>
  EXCLUDED.some((rule) =>
    rule.path.endsWith("/") ? routePath.startsWith(rule.path) : routePath === rule.path,
  );

// An id no row has: roles that may act get a domain 404, so the check before it is what is seen.
const MISSING_ID = "987654";
const CALM = readCatalogFiles(path.join(ROOT, "examples/ecommerce/ecommerce.calm.json"));

type TMatrixFixtures = { viewerEmail: string; unique: string };
type TMutationExpectation = {
  role: TRole;
  params?: Record<string, string>;
  body: (fixtures: TMatrixFixtures) => unknown;
  /** What a role at or above `role` gets for this body and these params. */
  allowedStatus: number;
};

const MUTATIONS: Record<string, TMutationExpectation> = {
  "POST /api/incidents/:id/status": {
    role: "responder",
    params: { id: MISSING_ID },
    body: () => ({ status: "acknowledged" }),
    allowedStatus: 404,
  },
  "POST /api/incidents/:id/remediations": {
    role: "responder",
    params: { id: MISSING_ID },
    body: () => ({ kind: "rollback", service: "order-service" }),
    allowedStatus: 404,
  },
  "POST /api/remediations/:id/apply": {
    role: "responder",
    params: { id: MISSING_ID },
    body: () => ({ diffHash: "0".repeat(64) }),
    allowedStatus: 404,
  },
  "POST /api/incidents/:id/root-cause": {
    role: "responder",
    params: { id: MISSING_ID },
    body: () => ({ service: "order-service" }),
    allowedStatus: 404,
  },
  "POST /api/models/:id/promote": {
    role: "lead",
    params: { id: MISSING_ID },
    body: () => ({}),
    allowedStatus: 404,
  },
  "POST /api/models/rollback": { role: "lead", body: () => ({}), allowedStatus: 409 },
  "POST /api/catalog/import": {
    role: "lead",
    body: () => ({ format: "calm", source: "calm:matrix", files: CALM }),
    allowedStatus: 200,
  },
  "POST /api/integrations": {
    role: "admin",
    body: ({ unique }) => ({ kind: "datadog", name: `matrix-${unique}` }),
    allowedStatus: 201,
  },
  "PATCH /api/integrations/:id": {
    role: "admin",
    params: { id: MISSING_ID },
    body: () => ({ isEnabled: false }),
    allowedStatus: 404,
  },
  "POST /api/integrations/:id/rotate": {
    role: "admin",
    params: { id: MISSING_ID },
    body: () => ({ graceHours: 1 }),
    allowedStatus: 404,
  },
  "POST /api/users": {
    role: "admin",
    body: ({ unique }) => ({
      email: `matrix-${unique}@test.example`,
      role: "viewer",
      password: "matrix password 0123",
    }),
    allowedStatus: 201,
  },
  "PATCH /api/users/:id": {
    role: "admin",
    params: { id: MISSING_ID },
    body: () => ({ role: "viewer" }),
    allowedStatus: 404,
  },
  "POST /api/tokens": {
    role: "admin",
    body: ({ viewerEmail, unique }) => ({ email: viewerEmail, name: `matrix-${unique}` }),
    allowedStatus: 201,
  },
  "POST /api/tokens/:id/revoke": {
    role: "admin",
    params: { id: MISSING_ID },
    body: () => ({}),
    allowedStatus: 404,
  },
};

type TReadExpectation = { role: TRole; params?: Record<string, string>; allowedStatus: number };

const READS: Record<string, TReadExpectation> = {
  "GET /api/incidents": { role: "viewer", allowedStatus: 200 },
  "GET /api/incidents/:id": { role: "viewer", params: { id: MISSING_ID }, allowedStatus: 404 },
  "GET /api/incidents/:id/blast-radius": {
    role: "viewer",
    params: { id: MISSING_ID },
    allowedStatus: 404,
  },
  "GET /api/incidents/:id/remediations": {
    role: "viewer",
    params: { id: MISSING_ID },
    allowedStatus: 404,
  },
  "GET /api/incidents/:id/hypotheses": {
    role: "viewer",
    params: { id: MISSING_ID },
    allowedStatus: 404,
  },
  "GET /api/services": { role: "viewer", allowedStatus: 200 },
  "GET /api/services/:slug": { role: "viewer", params: { slug: "no-such" }, allowedStatus: 404 },
  "GET /api/services/:slug/changes": {
    role: "viewer",
    params: { slug: "no-such" },
    allowedStatus: 404,
  },
  "GET /api/services/map": { role: "viewer", allowedStatus: 200 },
  "GET /api/models": { role: "lead", allowedStatus: 200 },
  "GET /api/audit": { role: "admin", allowedStatus: 200 },
  "GET /api/users": { role: "admin", allowedStatus: 200 },
  "GET /api/tokens": { role: "admin", allowedStatus: 200 },
  "GET /api/integrations": { role: "admin", allowedStatus: 200 },
};

const ACTORS = ["anonymous", "viewer", "responder", "lead", "admin", "revoked token"] as const;
type TActorName = (typeof ACTORS)[number];

const scanned = scanRoutes();
const covered = scanned.filter((route) => !isExcluded(route.path));
const mutating = covered.filter((route) => route.method !== "GET");
const reads = covered.filter((route) => route.method === "GET");

const headersByActor = new Map<TActorName, Record<string, string>>();
let viewerEmail = "";
let requestCount = 0;

beforeAll(async () => {
  headersByActor.set("anonymous", {});
  for (const role of ["viewer", "responder", "lead", "admin"] as const) {
    const actor = await createTestActor(role);
    headersByActor.set(role, actor.headers);
    if (role === "viewer") viewerEmail = actor.email;
  }
  // An admin's token, revoked: only the revocation stands between it and every route.
  const revoked = await createTestActor("admin");
  await revokeToken(getCliContext(), revoked.tokenId);
  headersByActor.set("revoked token", revoked.headers);
});

type TRouteModule = Partial<
  Record<TMethod, (request: Request, context: ReturnType<typeof routeParams>) => Promise<Response>>
>;

async function callRoute(
  route: TScannedRoute,
  actor: TActorName,
  params: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; message: string | undefined }> {
  const handler = ((await import(/* @vite-ignore */ route.file)) as TRouteModule)[route.method];
  if (!handler) throw new Error(`${route.file} exports no ${route.method}`);
  const url = route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "");
  const request = new Request(`http://localhost${url}`, {
    method: route.method,
    headers: { "content-type": "application/json", ...headersByActor.get(actor) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await handler(request, routeParams(params));
  const answer = (await response.json()) as { error?: { message?: string } };
  return { status: response.status, message: answer.error?.message };
}

/** Nobody and revoked tokens: 401; below the role: 403 naming it; at or above: the domain answer. */
function expectAnswer(
  answer: { status: number; message: string | undefined },
  actor: TActorName,
  expectation: { role: TRole; allowedStatus: number },
): void {
  if (actor === "anonymous" || actor === "revoked token") {
    expect(answer.status).toBe(401);
  } else if (!hasRole(actor, expectation.role)) {
    expect(answer.status).toBe(403);
    expect(answer.message).toContain(`the ${expectation.role} role`);
  } else {
    expect(answer).toMatchObject({ status: expectation.allowedStatus });
  }
}

describe("route permissions: the tables cover app/api", () => {
  it("scans the route files (and every exclusion still names a route)", () => {
    expect(scanned.map((route) => route.key)).toEqual(
      expect.arrayContaining(["POST /api/incidents/:id/status", "GET /api/incidents"]),
    );
    const unmatched = EXCLUDED.filter(
      (rule) =>
        !scanned.some((route) => isExcluded(route.path) && route.path.startsWith(rule.path)),
    );
    expect(unmatched.map((rule) => rule.path)).toEqual([]);
  });

  it("has an expectation for every mutating route, and none for a route that is gone", () => {
    const keys = mutating.map((route) => route.key);
    expect(keys.filter((key) => !(key in MUTATIONS))).toEqual([]);
    expect(Object.keys(MUTATIONS).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it("has an expectation for every read route, and none for a route that is gone", () => {
    const keys = reads.map((route) => route.key);
    expect(keys.filter((key) => !(key in READS))).toEqual([]);
    expect(Object.keys(READS).filter((key) => !keys.includes(key))).toEqual([]);
  });
});

describe.each(mutating.filter((route) => route.key in MUTATIONS))("$key", (route) => {
  const expectation = MUTATIONS[route.key] as TMutationExpectation;
  it.each(ACTORS)("as %s", async (actor) => {
    const unique = `${actor.replace(/\W/g, "-")}-${++requestCount}`;
    const body = expectation.body({ viewerEmail, unique });
    expectAnswer(await callRoute(route, actor, expectation.params, body), actor, expectation);
  });
});

describe.each(reads.filter((route) => route.key in READS))("$key", (route) => {
  const expectation = READS[route.key] as TReadExpectation;
  it.each(ACTORS)("as %s", async (actor) => {
    expectAnswer(await callRoute(route, actor, expectation.params), actor, expectation);
  });
});

describe("with FAULTLINE_ANONYMOUS_READ=true", () => {
  beforeAll(() => {
    vi.stubEnv("FAULTLINE_ANONYMOUS_READ", "true");
    resetEnvForTests();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });
  const find = (key: string) => {
    const route = scanned.find((candidate) => candidate.key === key);
    if (!route) throw new Error(`no route ${key}`);
    return route;
  };

  it("anyone may read incidents, but changing them or reading admin lists still needs sign-in", async () => {
    expect((await callRoute(find("GET /api/incidents"), "anonymous")).status).toBe(200);
    const change = await callRoute(
      find("POST /api/incidents/:id/status"),
      "anonymous",
      { id: MISSING_ID },
      { status: "resolved" },
    );
    expect(change.status).toBe(401);
    expect((await callRoute(find("GET /api/users"), "anonymous")).status).toBe(401);
    expect((await callRoute(find("GET /api/incidents"), "revoked token")).status).toBe(401);
  });
});
