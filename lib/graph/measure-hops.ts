/**
 * Breadth-first hops from the nearest start over one direction of a GraphIndex (its
 * dependency or dependent arrays); -1 where unreachable. With `isStrong`, only edges marked 1
 * there are followed.
 */
export function measureHops(
  size: number,
  starts: readonly number[],
  edgeStart: Int32Array,
  edgeEnd: Int32Array,
  isStrong: Uint8Array | null,
): Int32Array {
  const hops = new Int32Array(size).fill(-1);
  const queue = new Int32Array(size);
  let tail = 0;
  for (const start of starts) {
    if (hops[start] !== -1) continue;
    hops[start] = 0;
    queue[tail++] = start;
  }
  for (let head = 0; head < tail; head++) {
    const position = queue[head] ?? 0;
    const next = (hops[position] ?? 0) + 1;
    const end = edgeStart[position + 1] ?? 0;
    for (let slot = edgeStart[position] ?? 0; slot < end; slot++) {
      if (isStrong && isStrong[slot] === 0) continue;
      const neighbour = edgeEnd[slot] ?? 0;
      if (hops[neighbour] !== -1) continue;
      hops[neighbour] = next;
      queue[tail++] = neighbour;
    }
  }
  return hops;
}
