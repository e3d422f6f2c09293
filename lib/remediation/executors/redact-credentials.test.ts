import { describe, expect, it } from "vitest";
import { redactCredentials, splitRepoCredentials } from "./redact-credentials";

describe("redactCredentials", () => {
  it("strips user:token@ from every URL in the text", () => {
    const text =
      "fatal: unable to access 'https://bot:ghp_abc123@github.com/org/repo.git/': 403; also http://t0k@10.0.0.1/x";
    expect(redactCredentials(text)).toBe(
      "fatal: unable to access 'https://***@github.com/org/repo.git/': 403; also http://***@10.0.0.1/x",
    );
  });

  it("removes a known token wherever it appears, and keeps every other byte", () => {
    expect(redactCredentials("token=ghp_abc123 twice ghp_abc123.", ["ghp_abc123", undefined])).toBe(
      "token=*** twice ***.",
    );
    expect(redactCredentials("git@github.com:org/repo.git ok")).toBe(
      "git@github.com:org/repo.git ok",
    );
  });
});

describe("splitRepoCredentials", () => {
  it("moves http(s) userinfo out of the URL", () => {
    expect(splitRepoCredentials("https://bot:s%40cret@git.example.com/org/repo.git")).toEqual({
      url: "https://git.example.com/org/repo.git",
      username: "bot",
      token: "s@cret",
    });
    expect(splitRepoCredentials("https://ghp_only@github.com/o/r.git")).toEqual({
      url: "https://github.com/o/r.git",
      username: "ghp_only",
      token: "ghp_only",
    });
  });

  it("leaves ssh users, local paths and plain URLs alone", () => {
    for (const url of [
      "ssh://git@github.com/o/r.git",
      "/srv/git/r.git",
      "https://github.com/o/r",
    ]) {
      expect(splitRepoCredentials(url)).toEqual({ url });
    }
  });
});
