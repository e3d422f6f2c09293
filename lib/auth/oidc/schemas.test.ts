import { describe, expect, it } from "vitest";
import { ZNextPath } from "../schemas";
import { getRedirectUri } from "./get-redirect-uri";

describe("ZNextPath", () => {
  it("accepts paths on this site, / by default", () => {
    for (const path of ["/", "/incidents/3", "/services/api-gateway?tab=map#deps", "/a%2F%2Fb"]) {
      expect(ZNextPath.parse(path)).toBe(path);
    }
    expect(ZNextPath.parse(undefined)).toBe("/");
  });

  it("refuses anything a browser could read as another site", () => {
    for (const path of [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/ /x",
      "incidents",
      "",
      "/é",
    ]) {
      expect(ZNextPath.safeParse(path).success, JSON.stringify(path)).toBe(false);
    }
  });
});

describe("getRedirectUri", () => {
  it("uses the public URL when set, else the request's origin", () => {
    expect(
      getRedirectUri("http://10.0.0.5:3000/api/auth/oidc/start?next=/", "https://fl.example.com/"),
    ).toBe("https://fl.example.com/api/auth/oidc/callback");
    expect(getRedirectUri("http://localhost:3000/api/auth/oidc/start", undefined)).toBe(
      "http://localhost:3000/api/auth/oidc/callback",
    );
  });
});
