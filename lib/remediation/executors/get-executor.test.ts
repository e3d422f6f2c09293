import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { getExecutor } from "./get-executor";

describe("getExecutor", () => {
  it("is dry-run by default, with the GitOps defaults in place", () => {
    const env = parseEnv({});
    expect(getExecutor(env).name).toBe("dry-run");
    expect(env).toMatchObject({
      FAULTLINE_EXECUTOR: "dry-run",
      FAULTLINE_GITOPS_BRANCH: "main",
      FAULTLINE_GITOPS_PATH: "",
      FAULTLINE_GITOPS_WORKDIR: ".faultline/gitops",
      FAULTLINE_GITOPS_AUTHOR_NAME: "Faultline",
      FAULTLINE_GITOPS_AUTHOR_EMAIL: "faultline@localhost",
      FAULTLINE_GITOPS_TIMEOUT_SECONDS: 30,
    });
  });

  it("builds the GitOps executor when configured", () => {
    const env = parseEnv({
      FAULTLINE_EXECUTOR: "gitops",
      FAULTLINE_GITOPS_REPO: "https://git.example.com/org/manifests.git",
      FAULTLINE_GITOPS_TOKEN: "ghp_secret_value",
    });
    expect(getExecutor(env).name).toBe("gitops");
  });

  it("refuses gitops without a repository, naming the variable and not echoing the token", () => {
    const parse = () =>
      parseEnv({ FAULTLINE_EXECUTOR: "gitops", FAULTLINE_GITOPS_TOKEN: "ghp_secret_value" });
    expect(parse).toThrow(/FAULTLINE_GITOPS_REPO: required when FAULTLINE_EXECUTOR=gitops/);
    expect(parse).not.toThrow(/ghp_secret_value/);
  });

  it("refuses an unknown executor", () => {
    expect(() => parseEnv({ FAULTLINE_EXECUTOR: "kubectl" })).toThrow(/FAULTLINE_EXECUTOR/);
  });
});
