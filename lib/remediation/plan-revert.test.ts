import { describe, expect, it } from "vitest";
import { planRevert } from "./plan-revert";

describe("planRevert", () => {
  it("restores a .properties file whole, with secret-named values hidden in the diff", () => {
    const v41 = "pool.size=10\ntimeout.ms=3000\ndb.password=hunter2\n";
    const v42 = "pool.size=2\ntimeout.ms=3000\ndb.password=changed!\n";
    const plan = planRevert({
      current: { "app.properties": v42 },
      target: { "app.properties": v41 },
      paths: ["app.properties"],
    });
    expect(plan.writes).toEqual([{ path: "app.properties", content: v41 }]);
    expect(plan.diffs[0]?.diff).toMatch(/^-pool.size=2$/m);
    expect(plan.diffs[0]?.diff).toMatch(/^\+pool.size=10$/m);
    expect(plan.diffs[0]?.diff).not.toMatch(/hunter2|changed!/);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(["secret_redacted"]);
  });

  it("deletes a file the target did not have, and says when nothing changes", () => {
    const plan = planRevert({ current: { "new.ini": "a=1\n" }, target: {}, paths: ["new.ini"] });
    expect(plan.writes).toEqual([{ path: "new.ini", content: null }]);
    const same = planRevert({
      current: { "a.env": "A=1\n" },
      target: { "a.env": "A=1\n" },
      paths: ["a.env"],
    });
    expect(same.warnings.map((warning) => warning.code)).toEqual(["no_change"]);
  });
});
