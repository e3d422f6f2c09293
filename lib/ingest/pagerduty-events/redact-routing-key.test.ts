import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listFixtures, readFixture } from "../../../test/helpers/fixtures";
import { REDACTED, redactRoutingKey } from "./redact-routing-key";

const routingKey = fc.stringMatching(/^[0-9a-f]{32}$/).map((hex) => `rk-${hex}`);
const otherMembers = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 });
const indent = fc.constantFrom(undefined, 2, "\t");

describe("redactRoutingKey", () => {
  it("replaces the top-level routing_key of any object, leaving the rest of the JSON equal", () => {
    fc.assert(
      fc.property(routingKey, otherMembers, indent, (key, members, space) => {
        const event = { ...members, routing_key: key };
        const text = JSON.stringify(event, null, space);
        const redacted = redactRoutingKey(text);
        expect(redacted).not.toContain(key);
        expect(JSON.parse(redacted)).toEqual({ ...JSON.parse(text), routing_key: REDACTED });
        // Only the value's bytes changed.
        expect(redacted.length - text.length).toBe(REDACTED.length - key.length);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a routing_key nested deeper, and other texts, byte for byte", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const nested = JSON.stringify({ payload: { routing_key: "kept", value } });
        expect(redactRoutingKey(nested)).toBe(nested);
        const notAnObject = JSON.stringify([{ routing_key: "kept" }, value]);
        expect(redactRoutingKey(notAnObject)).toBe(notAnObject);
      }),
    );
  });

  it("redacts every duplicate, an escaped key name, and a value that is not a string", () => {
    const text =
      ' {"routing_key" : "first", "routing\\u005fkey":"sec\\"ond", "a":1,"routing_key":42}';
    expect(redactRoutingKey(text)).toBe(
      ' {"routing_key" : "[redacted]", "routing\\u005fkey":"[redacted]", "a":1,"routing_key":"[redacted]"}',
    );
  });

  it("changes the real Events API bodies (alert and change events) only where their key is", () => {
    const fixtures = listFixtures("webhooks/pagerduty-events-v2");
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const name of fixtures) {
      const text = readFixture(name);
      const key: string = JSON.parse(text).routing_key;
      expect(key.length).toBeGreaterThan(0);
      expect(redactRoutingKey(text)).toBe(text.replace(`"${key}"`, `"${REDACTED}"`));
    }
  });
});
