import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { describeExecutorTarget } from "./describe-executor-target";

describe("describeExecutorTarget", () => {
  it("names a dry run by default", () => {
    expect(describeExecutorTarget(parseEnv({})).name).toBe("dry-run");
  });

  it("names the GitOps repository without the credentials its URL carries", () => {
    const target = describeExecutorTarget(
      parseEnv({
        FAULTLINE_EXECUTOR: "gitops",
        FAULTLINE_GITOPS_REPO: "https://deploy:s3cret-token@git.example.com/shop/manifests.git",
        FAULTLINE_GITOPS_PATH: "prod",
      }),
    );
    expect(target).toEqual({
      name: "gitops",
      description:
        "a commit pushed to https://git.example.com/shop/manifests.git, branch main, under /prod",
    });
  });
});
