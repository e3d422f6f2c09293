import { compareStrings, type GraphIndex, indexServiceGraph } from "./index-service-graph";
import type { CommonCauseCandidate, NodeState, ServiceGraph } from "./schemas";

const MAX_CANDIDATES = 5;

/**
 * When several services are red at once, the services all of them depend on (through any
 * edge) are the single points of failure worth checking first. A red service counts as
 * reaching itself, so a red service every other red one depends on is a candidate too.
 */
export function findCommonCause(
  graph: ServiceGraph,
  redIds: number[],
  states: Map<number, NodeState>,
): CommonCauseCandidate[] {
  const index = indexServiceGraph(graph);
  const reds = [...new Set(redIds)].flatMap((id) => {
    const position = index.positionOf.get(id);
    return position === undefined ? [] : [position];
  });
  if (reds.length < 2) return [];

  const totalHops = sumHopsFromEveryRed(index, reds);
  const isRed = new Uint8Array(index.size);
  for (const red of reds) isRed[red] = 1;

  const best: CommonCauseCandidate[] = [];
  for (let position = 0; position < index.size; position++) {
    const hops = totalHops[position] ?? -1;
    if (hops < 0) continue;
    const meanDistance = Math.round((hops / reds.length) * 100) / 100;
    const id = index.ids[position] ?? 0;
    const state = states.get(id) ?? "gray";
    const isSharedByAll = isRed[position] === 0;
    const score = scoreCandidate(isSharedByAll, meanDistance, state, index.tiers[position] ?? null);
    if (best.length === MAX_CANDIDATES && !outranks(score, index.slugs[position], best.at(-1))) {
      continue;
    }
    const sharedBy = reds.filter((red) => red !== position).map((red) => index.slugs[red] ?? "");
    const candidate: CommonCauseCandidate = {
      serviceId: id,
      slug: index.slugs[position] ?? String(id),
      sharedBy,
      meanDistance,
      state,
      score,
      reason: describeCandidate(isSharedByAll, reds.length, meanDistance, state),
    };
    insertRanked(best, candidate);
  }
  return best;
}

/**
 * Total hops from every red service to each service all of them reach (the red service
 * itself at 0); -1 elsewhere. Later walks stop once every surviving candidate is found.
 */
function sumHopsFromEveryRed(index: GraphIndex, reds: number[]): Float64Array {
  const { size, dependencyStart, dependencyTarget } = index;
  const reachedBy = new Int32Array(size);
  const totalHops = new Float64Array(size);
  const seenInWalk = new Int32Array(size);
  const hops = new Int32Array(size);
  const queue = new Int32Array(size);
  let candidates = size;
  for (const [walk, red] of reds.entries()) {
    const stamp = walk + 1;
    let found = 0;
    let tail = 0;
    seenInWalk[red] = stamp;
    hops[red] = 0;
    queue[tail++] = red;
    for (let head = 0; head < tail && found < candidates; head++) {
      const position = queue[head] ?? 0;
      const distance = hops[position] ?? 0;
      if (reachedBy[position] === walk) {
        reachedBy[position] = stamp;
        totalHops[position] = (totalHops[position] ?? 0) + distance;
        found++;
      }
      const end = dependencyStart[position + 1] ?? 0;
      for (let slot = dependencyStart[position] ?? 0; slot < end; slot++) {
        const next = dependencyTarget[slot] ?? 0;
        if (seenInWalk[next] === stamp) continue;
        seenInWalk[next] = stamp;
        hops[next] = distance + 1;
        queue[tail++] = next;
      }
    }
    candidates = found;
  }
  for (let position = 0; position < size; position++) {
    if (reachedBy[position] !== reds.length) totalHops[position] = -1;
  }
  return totalHops;
}

/**
 * One number that orders candidates: shared by every red service other than itself first,
 * then nearer (to 0.01 hop), then its own state, then tier 1.
 */
function scoreCandidate(
  isSharedByAll: boolean,
  meanDistance: number,
  state: NodeState,
  tier: number | null,
): number {
  const nearness = Math.max(0, 10_000 - Math.round(meanDistance * 100));
  return (
    (isSharedByAll ? 1_000_000 : 0) + nearness * 10 + rankState(state) * 2 + (tier === 1 ? 1 : 0)
  );
}

function rankState(state: NodeState): number {
  switch (state) {
    case "red":
      return 2;
    case "amber":
      return 1;
    case "gray":
      return 0;
  }
}

function outranks(
  score: number,
  slug: string | undefined,
  other: CommonCauseCandidate | undefined,
) {
  if (!other) return true;
  return (
    score > other.score || (score === other.score && compareStrings(slug ?? "", other.slug) < 0)
  );
}

function insertRanked(best: CommonCauseCandidate[], candidate: CommonCauseCandidate) {
  let at = best.length;
  while (at > 0 && outranks(candidate.score, candidate.slug, best[at - 1])) at--;
  best.splice(at, 0, candidate);
  if (best.length > MAX_CANDIDATES) best.pop();
}

function describeCandidate(
  isSharedByAll: boolean,
  redCount: number,
  meanDistance: number,
  state: NodeState,
): string {
  const others = redCount - 1;
  const who = isSharedByAll
    ? `All ${redCount} red services depend on it`
    : `Red itself, and the other ${others} red ${others === 1 ? "service depends" : "services depend"} on it`;
  const distance = `${meanDistance} ${meanDistance === 1 ? "hop" : "hops"} away on average`;
  const ownState = isSharedByAll && state !== "gray" ? `; itself ${state}` : "";
  return `${who}, ${distance}${ownState}`;
}
