import { describe, expect, it } from "vitest";
import { hashPassword, verifyNoPassword, verifyPassword } from "./hash-password";

describe("hashPassword", () => {
  it("verifies the right password and refuses a wrong one, with a fresh salt each time", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("correct");
    expect(await verifyPassword("correct horse battery", first)).toBe(true);
    expect(await verifyPassword("correct horse batterY", first)).toBe(false);
    expect(await verifyPassword("correct horse battery", "plain-text")).toBe(false);
    expect(await verifyNoPassword("anything")).toBe(false);
  });
});
