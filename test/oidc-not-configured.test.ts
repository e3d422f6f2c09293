import { describe, expect, it } from "vitest";
import { GET as callback } from "@/app/api/auth/oidc/callback/route";
import { GET as start } from "@/app/api/auth/oidc/start/route";
import { isOidcEnabled } from "@/lib/auth/oidc/is-oidc-enabled";
import { parseEnv } from "@/lib/env";
import { provideTestDatabase } from "./helpers/test-database";

provideTestDatabase();

describe("OIDC when it is not configured", () => {
  it("answers 404 on both routes and is off for the login page", async () => {
    expect(isOidcEnabled()).toBe(false);
    const started = await start(
      new Request("http://localhost/api/auth/oidc/start?next=/incidents"),
    );
    expect(started.status).toBe(404);
    expect(await started.json()).toEqual({
      error: {
        code: "NOT_FOUND",
        message: expect.stringMatching(/^Single sign-on is not configured/),
      },
    });
    const returned = await callback(new Request("http://localhost/api/auth/oidc/callback?code=x"));
    expect(returned.status).toBe(404);
  });

  it("needs issuer, client id and secret all three, and refuses a bad role map at start", () => {
    const full = {
      FAULTLINE_OIDC_ISSUER: "https://idp.example.com",
      FAULTLINE_OIDC_CLIENT_ID: "faultline",
      FAULTLINE_OIDC_CLIENT_SECRET: "s3cret",
    };
    expect(isOidcEnabled(parseEnv(full))).toBe(true);
    expect(isOidcEnabled(parseEnv({ ...full, FAULTLINE_OIDC_CLIENT_SECRET: "" }))).toBe(false);
    expect(() => parseEnv({ ...full, FAULTLINE_OIDC_ROLE_MAP: "sre=superuser" })).toThrow(
      /FAULTLINE_OIDC_ROLE_MAP/,
    );
  });
});
