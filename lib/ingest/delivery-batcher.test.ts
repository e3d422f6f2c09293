import { describe, expect, it } from "vitest";
import { DeliveryBatcher } from "./delivery-batcher";

type Item = { name: string; keys?: string[]; weight?: number; fails?: boolean };

/** A batcher over a fake store that records each batch and answers once released. */
function setup(options: { maxInFlight?: number; maxWeight?: number } = {}) {
  const batches: string[][] = [];
  const releases: (() => void)[] = [];
  const batcher = new DeliveryBatcher<Item, string>({
    maxInFlight: options.maxInFlight ?? 1,
    maxWeight: options.maxWeight ?? 100,
    weigh: (item) => item.weight ?? 1,
    keysOf: (item) => item.keys ?? [],
    run: async (items) => {
      batches.push(items.map((item) => item.name));
      await new Promise<void>((resolve) => releases.push(resolve));
      if (items.some((item) => item.fails)) throw new Error("constraint violated");
      return items.map((item) => `stored ${item.name}`);
    },
  });
  const releaseAll = async () => {
    for (let i = 0; i < 20 && releases.length > 0; i++) {
      for (const release of releases.splice(0)) release();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { batcher, batches, releaseAll };
}

describe("DeliveryBatcher", () => {
  it("sends a write at once when a slot is free, and gathers those that arrive meanwhile", async () => {
    const { batcher, batches, releaseAll } = setup();
    const results = Promise.all(["a", "b", "c"].map((name) => batcher.store({ name })));
    expect(batches).toEqual([["a"]]);
    await releaseAll();
    expect(await results).toEqual(["stored a", "stored b", "stored c"]);
    expect(batches).toEqual([["a"], ["b", "c"]]);
  });

  it("never puts two writes sharing a key in one batch, and keeps their order", async () => {
    const { batcher, batches, releaseAll } = setup();
    const first = batcher.store({ name: "first" });
    const rest = [
      batcher.store({ name: "x", keys: ["alert-1"] }),
      batcher.store({ name: "y", keys: ["alert-1"] }),
      batcher.store({ name: "z", keys: ["alert-2"] }),
    ];
    await releaseAll();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([["first"], ["x"], ["y", "z"]]);
  });

  it("stops a batch at its weight, but sends one heavy write alone", async () => {
    const { batcher, batches, releaseAll } = setup({ maxWeight: 10 });
    const all = [
      batcher.store({ name: "busy" }),
      batcher.store({ name: "six", weight: 6 }),
      batcher.store({ name: "five", weight: 5 }),
      batcher.store({ name: "huge", weight: 50 }),
    ];
    await releaseAll();
    await Promise.all(all);
    expect(batches).toEqual([["busy"], ["six"], ["five"], ["huge"]]);
  });

  it("retries each write of a failed batch alone, so only the bad one fails", async () => {
    const { batcher, releaseAll } = setup();
    const busy = batcher.store({ name: "busy" });
    const good = batcher.store({ name: "good" });
    const bad = batcher.store({ name: "bad", fails: true });
    const outcome = Promise.allSettled([busy, good, bad]);
    await releaseAll();
    const [, goodResult, badResult] = await outcome;
    expect(goodResult).toEqual({ status: "fulfilled", value: "stored good" });
    expect(badResult).toMatchObject({
      status: "rejected",
      reason: { message: "constraint violated" },
    });
  });

  it("runs up to maxInFlight batches at once", async () => {
    const { batcher, batches, releaseAll } = setup({ maxInFlight: 2 });
    const all = ["a", "b", "c"].map((name) => batcher.store({ name }));
    expect(batches).toEqual([["a"], ["b"]]);
    await releaseAll();
    await Promise.all(all);
    expect(batches).toEqual([["a"], ["b"], ["c"]]);
  });
});
