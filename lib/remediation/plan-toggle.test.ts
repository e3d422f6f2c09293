import { describe, expect, it } from "vitest";
import { planToggle } from "./plan-toggle";

describe("planToggle", () => {
  it("flips a dotted JSON flag in place", () => {
    const flags = '{\n  "checkout": { "newPricing": true },\n  "banner": "hi"\n}\n';
    const plan = planToggle({ current: { "flags.json": flags }, flag: "checkout.newPricing" });
    expect(plan.writes[0]?.content).toBe(flags.replace("true", "false"));
    expect(plan.diffs[0]?.diff).toMatch(/^\+\s+"newPricing": false$/m);
  });

  it("sets a .properties and a ConfigMap flag, and says when it is already set", () => {
    const props = { "app.properties": "feature.fast_checkout=false\n" };
    expect(
      planToggle({ current: props, flag: "feature.fast_checkout", enabled: true }).writes[0]
        ?.content,
    ).toBe("feature.fast_checkout=true\n");
    const map = {
      "cm.yaml":
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  NEW_CART: "true"\n',
    };
    expect(planToggle({ current: map, flag: "NEW_CART" }).writes[0]?.content).toContain(
      'NEW_CART: "false"',
    );
    expect(
      planToggle({ current: props, flag: "feature.fast_checkout", enabled: false }).warnings[0]
        ?.code,
    ).toBe("no_change");
  });

  it("names the flag when it is missing or not a boolean", () => {
    expect(() => planToggle({ current: { "a.env": "A=1\n" }, flag: "B" })).toThrow(
      /Flag "B" was not found/,
    );
    expect(() => planToggle({ current: { "a.env": "A=1\n" }, flag: "A" })).toThrow(
      /Flag "A" in a.env is not a boolean/,
    );
  });
});
