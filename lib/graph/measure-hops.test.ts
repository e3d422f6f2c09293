import { describe, expect, it } from "vitest";
import { measureHops } from "./measure-hops";

// 0 → 1 → 2 → 3, and 0 → 3 through a weak shortcut; 4 stands alone.
const start = Int32Array.from([0, 2, 3, 4, 4, 4]);
const end = Int32Array.from([1, 3, 2, 3]);
const isStrong = Uint8Array.from([1, 0, 1, 1]);

describe("measureHops", () => {
  it("counts hops from the nearest start, -1 where unreachable", () => {
    expect([...measureHops(5, [0], start, end, null)]).toEqual([0, 1, 2, 1, -1]);
    expect([...measureHops(5, [2, 4], start, end, null)]).toEqual([-1, -1, 0, 1, 0]);
  });

  it("follows only strong edges when asked", () => {
    expect([...measureHops(5, [0], start, end, isStrong)]).toEqual([0, 1, 2, 3, -1]);
  });

  it("terminates on cycles and repeated starts", () => {
    const cycleStart = Int32Array.from([0, 1, 2]);
    const cycleEnd = Int32Array.from([1, 0]);
    expect([...measureHops(2, [0, 0], cycleStart, cycleEnd, null)]).toEqual([0, 1]);
  });
});
