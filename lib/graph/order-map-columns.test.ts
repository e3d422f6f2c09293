import { describe, expect, it } from "vitest";
import { orderMapColumns } from "./order-map-columns";

/** Undirected adjacency from pairs, as compute-map-layout builds it. */
function adjacencyOf(nodeCount: number, pairs: [number, number][]) {
  const lists: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const [a, b] of pairs) {
    lists[a]?.push(b);
    lists[b]?.push(a);
  }
  const neighbourStart = new Int32Array(nodeCount + 1);
  for (let node = 0; node < nodeCount; node++) {
    neighbourStart[node + 1] = (neighbourStart[node] ?? 0) + (lists[node]?.length ?? 0);
  }
  return { neighbourStart, neighbour: Int32Array.from(lists.flat()) };
}

describe("orderMapColumns", () => {
  it("starts from slug order and follows neighbours column by column", () => {
    // Slugs rank as the node numbers; 0–5, 1–4, 2–3 would all cross in slug order.
    const columns = orderMapColumns(
      [
        [2, 0, 1],
        [3, 4, 5],
      ],
      adjacencyOf(6, [
        [0, 5],
        [1, 4],
        [2, 3],
      ]),
      Int32Array.from([0, 1, 2, 3, 4, 5]),
    );
    expect(columns).toEqual([
      [0, 1, 2],
      [5, 4, 3],
    ]);
  });

  it("leaves a three-column zigzag without crossings", () => {
    // In slug order 0–3 crosses 1–2, and 3–4 crosses 2–5.
    const columns = orderMapColumns(
      [
        [0, 1],
        [2, 3],
        [4, 5],
      ],
      adjacencyOf(6, [
        [0, 3],
        [1, 2],
        [2, 5],
        [3, 4],
      ]),
      Int32Array.from([0, 1, 2, 3, 4, 5]),
    );
    const crossings = (left: number[], right: number[], pairs: [number, number][]) =>
      pairs.filter(([a, b]) =>
        pairs.some(
          ([c, d]) => left.indexOf(a) < left.indexOf(c) && right.indexOf(b) > right.indexOf(d),
        ),
      ).length;
    const [first = [], second = [], third = []] = columns;
    expect(
      crossings(first, second, [
        [0, 3],
        [1, 2],
      ]) +
        crossings(second, third, [
          [2, 5],
          [3, 4],
        ]),
    ).toBe(0);
  });
});
