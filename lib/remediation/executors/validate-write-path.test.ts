import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { validateWritePath } from "./validate-write-path";

describe("validateWritePath", () => {
  it("normalises a relative path to forward slashes", () => {
    expect(validateWritePath("deploy/./orders.yaml")).toBe("deploy/orders.yaml");
    expect(validateWritePath("deploy\\orders.yaml")).toBe("deploy/orders.yaml");
    expect(validateWritePath("v1..v2/notes.txt")).toBe("v1..v2/notes.txt");
    expect(validateWritePath("", { allowEmpty: true })).toBe("");
  });

  it.each([
    "/etc/passwd",
    "C:\\Windows\\x",
    "../x.yaml",
    "a/../../x.yaml",
    "a\\..\\x",
    ".git/hooks/post-commit",
    "",
    "a\0b",
  ])("refuses %j with VALIDATION", (candidate) => {
    expect(() => validateWritePath(candidate)).toThrow(AppError);
    try {
      validateWritePath(candidate);
    } catch (error) {
      expect((error as AppError).code).toBe("VALIDATION");
    }
  });
});
