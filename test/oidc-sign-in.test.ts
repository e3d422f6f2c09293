import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/auth/me/route";
import { GET as callback } from "@/app/api/auth/oidc/callback/route";
import { GET as start } from "@/app/api/auth/oidc/start/route";
import { getPrisma } from "@/lib/db";
import { OidcBrowser } from "./helpers/drive-oidc-login";
import { startTestOidcProvider, type TTestOidcProvider } from "./helpers/oidc-provider";
import { provideTestDatabase } from "./helpers/test-database";

// The app is never listening: requests to this origin go straight to the route handlers.
const APP = "http://localhost:3999";
let provider: TTestOidcProvider;

beforeAll(async () => {
  provider = await startTestOidcProvider({
    redirectUris: [`${APP}/api/auth/oidc/callback`],
    accounts: [
      {
        id: "alice",
        email: "Alice@Example.com",
        name: "Alice Admin",
        groups: ["sre", "sre-admins"],
      },
      { id: "bob", email: "bob@example.com", groups: ["marketing"] },
      { id: "carol", email: "carol@example.com", groups: ["sre"] },
      { id: "dave", email: "dave@example.com", emailVerified: false, groups: ["sre"] },
      { id: "erin", email: "erin@example.com", groups: ["sre"] },
      { id: "frank", email: "frank@example.com", groups: ["sre-admins"] },
    ],
  });
  vi.stubEnv("FAULTLINE_SECRET_KEY", randomBytes(32).toString("hex"));
  vi.stubEnv("FAULTLINE_OIDC_ISSUER", provider.issuer);
  vi.stubEnv("FAULTLINE_OIDC_CLIENT_ID", provider.clientId);
  vi.stubEnv("FAULTLINE_OIDC_CLIENT_SECRET", provider.clientSecret);
  vi.stubEnv("FAULTLINE_OIDC_ROLE_MAP", "sre-admins=admin,sre=responder");
  vi.stubEnv("FAULTLINE_OIDC_DEFAULT_ROLE", "viewer");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await provider?.close();
});
provideTestDatabase();

type TStarted = { authorizationUrl: string; loginCookie: string };

async function startSignIn(next = "/incidents/3"): Promise<TStarted> {
  const response = await start(
    new Request(`${APP}/api/auth/oidc/start?next=${encodeURIComponent(next)}`),
  );
  expect(response.status).toBe(302);
  const setCookie = response.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(
    /^faultline_oidc_login=[^;]+; Path=\/api\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/,
  );
  const loginCookie = setCookie.split(";")[0] ?? "";
  return { authorizationUrl: response.headers.get("location") ?? "", loginCookie };
}

function callBack(url: URL | string, loginCookie: string | null): Promise<Response> {
  return callback(new Request(url, { headers: loginCookie ? { cookie: loginCookie } : {} }));
}

/** A whole sign-in in `browser`: start, the provider's pages, the callback. */
async function signIn(browser: OidcBrowser, login: string, next = "/incidents/3") {
  const { authorizationUrl, loginCookie } = await startSignIn(next);
  const returned = await browser.logIn(authorizationUrl, login);
  return callBack(returned, loginCookie);
}

async function whoIs(response: Response): Promise<{ actor: { label: string }; role: string }> {
  const session = response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("faultline_session="));
  expect(session).toMatch(
    /^faultline_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
  );
  const answer = await me(
    new Request(`${APP}/api/auth/me`, { headers: { cookie: session?.split(";")[0] ?? "" } }),
  );
  expect(answer.status).toBe(200);
  return answer.json();
}

async function errorOf(
  response: Response,
): Promise<{ status: number; code: string; message: string }> {
  const body = await response.json();
  return { status: response.status, ...body.error };
}

describe("OIDC sign-in through a real provider", () => {
  it("sends the browser to the provider with PKCE, state and nonce", async () => {
    const { authorizationUrl } = await startSignIn();
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("client_id")).toBe(provider.clientId);
    expect(url.searchParams.get("redirect_uri")).toBe(`${APP}/api/auth/oidc/callback`);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("scope")).toBe("openid email profile groups");
    for (const name of ["code_challenge", "state", "nonce"]) {
      expect(url.searchParams.get(name)?.length ?? 0).toBeGreaterThanOrEqual(32);
    }
  });

  it("creates the user with the role its groups map onto, sets the session and goes to next", async () => {
    const response = await signIn(new OidcBrowser(APP), "alice");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/incidents/3");
    expect(response.headers.getSetCookie()).toContain(
      "faultline_oidc_login=; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0",
    );
    expect(await whoIs(response)).toMatchObject({
      actor: { label: "alice@example.com" },
      role: "admin",
    });
    const prisma = await getPrisma();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect(user).toMatchObject({
      name: "Alice Admin",
      role: "admin",
      oidcSubject: `${provider.issuer} alice`,
      passwordHash: null,
    });
    const audit = await prisma.auditEntry.findMany({
      where: { objectType: "user", objectId: String(user.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => [entry.action, entry.actorUserId])).toEqual([
      ["user.create", user.id],
      ["auth.sign_in", user.id],
    ]);
    expect(audit[1]?.after).toMatchObject({ via: "oidc" });
  });

  it("follows group changes at the provider on the next sign-in", async () => {
    const browser = new OidcBrowser(APP);
    expect((await whoIs(await signIn(browser, "carol"))).role).toBe("responder");
    provider.setAccount({ id: "carol", email: "carol@example.com", groups: ["marketing"] });
    // The same browser: the provider remembers the login and the consent this time.
    const again = await signIn(browser, "carol", "/");
    expect(again.headers.get("location")).toBe("/");
    expect((await whoIs(again)).role).toBe("viewer");
    const prisma = await getPrisma();
    const users = await prisma.user.findMany({ where: { email: "carol@example.com" } });
    expect(users.map((user) => user.role)).toEqual(["viewer"]);
    const update = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "user.update", objectId: String(users[0]?.id) },
    });
    expect(update.before).toMatchObject({ role: "responder" });
    expect(update.after).toMatchObject({ role: "viewer", via: "oidc" });
  });

  it("gives a user whose groups map onto nothing the default role", async () => {
    expect(await whoIs(await signIn(new OidcBrowser(APP), "bob"))).toMatchObject({
      actor: { label: "bob@example.com" },
      role: "viewer",
    });
  });

  it("links an existing local user with the same email, and refuses disabled users", async () => {
    const prisma = await getPrisma();
    const local = await prisma.user.create({
      data: { email: "erin@example.com", name: "Erin", role: "lead", passwordHash: "scrypt$x" },
    });
    const response = await signIn(new OidcBrowser(APP), "erin");
    expect((await whoIs(response)).role).toBe("responder");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({
      oidcSubject: `${provider.issuer} erin`,
      passwordHash: "scrypt$x",
    });

    await prisma.user.update({ where: { id: local.id }, data: { isDisabled: true } });
    const refused = await signIn(new OidcBrowser(APP), "erin");
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect(refused.headers.getSetCookie()).toEqual([]);
    const failed = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "auth.sign_in_failed", objectId: String(local.id) },
    });
    expect(failed.after).toEqual({ via: "oidc", reason: "disabled" });
  });

  it("does not link an email that belongs to another provider account", async () => {
    const prisma = await getPrisma();
    await prisma.user.create({
      data: {
        email: "frank@example.com",
        name: "Frank",
        oidcSubject: "https://other.example frank",
      },
    });
    const response = await signIn(new OidcBrowser(APP), "frank");
    expect(await errorOf(response)).toMatchObject({
      status: 403,
      message: expect.stringContaining("linked to another single sign-on account"),
    });
    const frank = await prisma.user.findUniqueOrThrow({ where: { email: "frank@example.com" } });
    expect(frank.oidcSubject).toBe("https://other.example frank");
  });

  it("refuses an email the provider has not verified", async () => {
    const response = await signIn(new OidcBrowser(APP), "dave");
    expect(await errorOf(response)).toMatchObject({
      status: 403,
      message: expect.stringContaining("has not verified dave@example.com"),
    });
    expect(await (await getPrisma()).user.count({ where: { email: "dave@example.com" } })).toBe(0);
  });

  it("refuses a bad state, a missing login cookie, a replayed code and a provider's error", async () => {
    const first = await startSignIn();
    const second = await startSignIn();
    const returned = await new OidcBrowser(APP).logIn(first.authorizationUrl, "bob");

    // Another sign-in's cookie: its state is not the one the provider sent back.
    const mixed = await errorOf(await callBack(returned, second.loginCookie));
    expect(mixed).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect(mixed.message).toContain("state");

    expect(await errorOf(await callBack(returned, null))).toMatchObject({
      status: 400,
      message: expect.stringContaining("start it again"),
    });
    const at = first.loginCookie.length - 10;
    const flipped = first.loginCookie[at] === "A" ? "B" : "A";
    const forged = `${first.loginCookie.slice(0, at)}${flipped}${first.loginCookie.slice(at + 1)}`;
    expect(await errorOf(await callBack(returned, forged))).toMatchObject({ status: 400 });

    expect((await callBack(returned, first.loginCookie)).status).toBe(302);
    expect(await errorOf(await callBack(returned, first.loginCookie))).toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
    });

    const denied = await startSignIn();
    const state = new URL(denied.authorizationUrl).searchParams.get("state") ?? "";
    const deniedUrl = new URL(`${APP}/api/auth/oidc/callback`);
    deniedUrl.search = new URLSearchParams({
      error: "access_denied",
      error_description: "End-User aborted interaction",
      state,
      iss: provider.issuer,
    }).toString();
    const refused = await errorOf(await callBack(deniedUrl, denied.loginCookie));
    expect(refused).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(refused.message).toContain("access_denied");

    const noCode = new URL(`${APP}/api/auth/oidc/callback`);
    noCode.search = new URLSearchParams({ state, iss: provider.issuer }).toString();
    expect(await errorOf(await callBack(noCode, denied.loginCookie))).toMatchObject({
      status: 400,
      code: "BAD_REQUEST",
    });
  });

  it("refuses a next that leaves the site", async () => {
    for (const next of [
      "//evil.example/x",
      "https://evil.example",
      "/\\evil.example",
      "incidents",
    ]) {
      const response = await start(
        new Request(`${APP}/api/auth/oidc/start?next=${encodeURIComponent(next)}`),
      );
      expect(response.status, next).toBe(422);
    }
  });
});
