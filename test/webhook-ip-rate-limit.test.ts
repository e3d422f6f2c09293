import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { readFixture } from "./helpers/fixtures";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { jsonRequest } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

// A small per-address budget so it is reachable; read once, at the first webhook call. The refill
// (one token per 1,000 s) cannot hand a token back during the test, however slow the machine.
vi.stubEnv("FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND", "0.001");
vi.stubEnv("FAULTLINE_WEBHOOK_IP_RATE_LIMIT_BURST", "3");

const testDb = provideTestDatabase();
const body = readFixture("webhooks/alertmanager/firing_grouped_teams_proxy.json");
let secret = "";

beforeAll(async () => {
  secret = (await createTestIntegration("alertmanager")).secret;
});

const postFrom = (ip: string, headers: Record<string, string>) =>
  postAlertmanager(jsonRequest("/x", body, { "x-forwarded-for": ip, ...headers }));

describe("the per-address webhook rate limit", () => {
  it("refuses an address past its budget before authenticating it, and leaves other addresses alone", async () => {
    const wrong = bearer("wrong-token-000000");
    expect((await postFrom("203.0.113.7", wrong)).status).toBe(401);
    expect((await postFrom("203.0.113.7", wrong)).status).toBe(401);
    expect((await postFrom("203.0.113.7", bearer(secret))).status).toBe(202);
    // The budget is spent: even the right token is not looked at.
    const limited = await postFrom("203.0.113.7", bearer(secret));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");
    expect(await testDb.db.prisma.rawDelivery.count()).toBe(1);

    expect((await postFrom("198.51.100.9", bearer(secret))).status).toBe(202);
  });
});
