import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/auth/me/route";
import { POST as postSignIn } from "@/app/api/auth/sign-in/route";
import { POST as postStatus } from "@/app/api/incidents/[id]/status/route";
import { getCliContext } from "@/lib/auth/get-cli-context";
import { updateUser } from "@/lib/auth/manage-users";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { getRequest, routeParams } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
const PASSWORD = "correct horse battery staple";
const ORIGIN = "http://localhost";
let responder: TTestActor;

beforeAll(async () => {
  responder = await createTestActor("responder");
});

let nextIp = 1;
/** Each call from its own address, so the per-IP budget is not what a test measures by accident. */
function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  return postSignIn(
    new Request(`${ORIGIN}/api/auth/sign-in`, {
      method: "POST",
      body: JSON.stringify({ email, password }),
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        "x-faultline-client-ip": `198.51.100.${nextIp++}`,
        ...headers,
      },
    }),
  );
}

function sessionCookieOf(response: Response): string {
  const cookie = response.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/^faultline_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
  return cookie.split(";")[0] ?? "";
}

describe("signing in with a local password", () => {
  it("sets an HttpOnly SameSite cookie that the API then accepts", async () => {
    const response = await signIn(responder.email, PASSWORD);
    expect(response.status).toBe(200);
    const cookie = sessionCookieOf(response);
    expect(response.headers.get("set-cookie")).not.toContain("Secure");
    const me = await getMe(getRequest("/api/auth/me", { cookie }));
    expect(await me.json()).toMatchObject({ actor: { label: responder.email }, role: "responder" });
    const overTls = await signIn(responder.email, PASSWORD, { "x-forwarded-proto": "https" });
    expect(overTls.headers.get("set-cookie")).toContain("; Secure");
    // Flip one character of the sealed value: it no longer unseals.
    const at = Math.floor(cookie.length / 2);
    const flipped = cookie.slice(0, at) + (cookie[at] === "A" ? "B" : "A") + cookie.slice(at + 1);
    const forged = await getMe(getRequest("/api/auth/me", { cookie: flipped }));
    expect(forged.status).toBe(401);
  });

  it("refuses the cross-site text/plain request, and one from another Origin", async () => {
    const cookie = sessionCookieOf(await signIn(responder.email, PASSWORD));
    const incident = await testDb.db.prisma.incident.create({
      data: {
        title: "csrf target",
        severity: "critical",
        openedAt: new Date(),
        lastAlertAt: new Date(),
      },
    });
    const post = (headers: Record<string, string>) =>
      postStatus(
        new Request(`${ORIGIN}/api/incidents/${incident.id}/status`, {
          method: "POST",
          body: JSON.stringify({ status: "resolved", actor: "mallory" }),
          headers: { cookie, ...headers },
        }),
        routeParams({ id: String(incident.id) }),
      );
    expect((await post({ "content-type": "text/plain" })).status).toBe(415);
    const foreign = await post({
      "content-type": "application/json",
      origin: "https://evil.example",
    });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.message).toContain("Cross-site");
    const noOrigin = await post({ "content-type": "application/json" });
    expect(noOrigin.status).toBe(403);
    const stored = await testDb.db.prisma.incident.findUniqueOrThrow({
      where: { id: incident.id },
    });
    expect(stored.status).toBe("triggered");
    const same = await post({ "content-type": "application/json", origin: ORIGIN });
    expect(same.status).toBe(200);
  });

  it("locks an account after five wrong passwords, with a clear message, until an admin unlocks it", async () => {
    const victim = await createTestActor("viewer");
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await signIn(victim.email, "wrong password!");
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).error.message).toBe("Wrong email or password.");
    }
    const locking = await signIn(victim.email, "wrong password!");
    expect(locking.status).toBe(429);
    expect((await locking.json()).error.message).toMatch(/locked after too many wrong passwords/);
    const evenRight = await signIn(victim.email, PASSWORD);
    expect(evenRight.status).toBe(429);
    expect(evenRight.headers.get("retry-after")).toMatch(/^\d+$/);
    const user = await testDb.db.prisma.user.findUniqueOrThrow({ where: { email: victim.email } });
    await updateUser(getCliContext(), user.id, { isDisabled: false });
    expect((await signIn(victim.email, PASSWORD)).status).toBe(200);
    const actions = await testDb.db.prisma.auditEntry.findMany({
      where: { objectType: "user", objectId: String(user.id), action: { startsWith: "auth." } },
      orderBy: { id: "asc" },
    });
    expect(actions.map((entry) => entry.action)).toEqual([
      ...Array(4).fill("auth.sign_in_failed"),
      "auth.locked",
      "auth.sign_in",
    ]);
  });

  it("limits attempts per client address, whatever the account", async () => {
    const ip = { "x-faultline-client-ip": "192.0.2.77" };
    const answers: number[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      answers.push((await signIn(`nobody-${attempt}@test.example`, "x", ip)).status);
    }
    // A burst of 20 is allowed; the bucket then refills at 20 a minute, far slower than this.
    expect(answers.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(answers.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
    expect(answers.at(-1)).toBe(429);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const unknown = await signIn("no-such-user@test.example", PASSWORD);
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error.message).toBe("Wrong email or password.");
  });
});
