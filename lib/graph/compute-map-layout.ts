import { compareStrings, type GraphIndex, indexServiceGraph } from "./index-service-graph";
import { type MapAdjacency, orderMapColumns } from "./order-map-columns";
import type { BlastRadiusEdge, BlastRadiusNode, ServiceGraph } from "./schemas";

export type MapPosition = { x: number; y: number };

export const COLUMN_GAP = 240;
export const ROW_GAP = 80;

/**
 * Positions for the blast-radius map, read left to right from callers to dependencies: one
 * column per depth, each column centred on y = 0 and ordered to reduce crossings.
 */
export function computeMapLayout(
  nodes: BlastRadiusNode[],
  edges: BlastRadiusEdge[],
): Map<number, MapPosition> {
  const localOf = new Map<number, number>();
  const unique: BlastRadiusNode[] = [];
  for (const node of nodes) {
    if (localOf.has(node.id)) continue;
    localOf.set(node.id, unique.length);
    unique.push(node);
  }

  const depths = [...new Set(unique.map((node) => node.depth))].sort((a, b) => a - b);
  const columnOfDepth = new Map(depths.map((depth, column) => [depth, column]));
  const columns: number[][] = depths.map(() => []);
  for (const [local, node] of unique.entries()) {
    columns[columnOfDepth.get(node.depth) ?? 0]?.push(local);
  }

  const pairs: number[] = [];
  for (const edge of edges) {
    const from = localOf.get(edge.from);
    const to = localOf.get(edge.to);
    if (from !== undefined && to !== undefined && from !== to) pairs.push(from, to);
  }
  const slugRank = rankBySlug(unique.map((node) => node.slug));
  orderMapColumns(columns, toAdjacency(unique.length, pairs), slugRank);
  return placeColumns(columns, (local) => unique[local]?.id ?? 0);
}

/**
 * Positions for the whole catalog: services nobody depends on in the first column, every
 * other one column past its furthest caller (longest path). Cycles are broken where they are
 * entered, so every service is placed once.
 */
export function layoutWholeGraph(graph: ServiceGraph): Map<number, MapPosition> {
  const index = indexServiceGraph(graph);
  const columnOf = assignLongestPathColumns(index);
  const columns: number[][] = [];
  for (let position = 0; position < index.size; position++) {
    const column = columnOf[position] ?? 0;
    while (columns.length <= column) columns.push([]);
    columns[column]?.push(position);
  }
  const pairs: number[] = [];
  for (let position = 0; position < index.size; position++) {
    const end = index.dependencyStart[position + 1] ?? 0;
    for (let slot = index.dependencyStart[position] ?? 0; slot < end; slot++) {
      pairs.push(position, index.dependencyTarget[slot] ?? 0);
    }
  }
  orderMapColumns(columns, toAdjacency(index.size, pairs), index.slugRank);
  return placeColumns(columns, (position) => index.ids[position] ?? 0);
}

/** Topological order from the top; when only cycles remain, the next one entered is released. */
function assignLongestPathColumns(index: GraphIndex): Int32Array {
  const { size, dependencyStart, dependencyTarget, dependentStart } = index;
  const column = new Int32Array(size);
  const waiting = new Int32Array(size);
  const isQueued = new Uint8Array(size);
  const queue = new Int32Array(size);
  const entered: number[] = [];
  let head = 0;
  let tail = 0;
  for (let position = 0; position < size; position++) {
    waiting[position] = (dependentStart[position + 1] ?? 0) - (dependentStart[position] ?? 0);
    if (waiting[position] === 0) {
      isQueued[position] = 1;
      queue[tail++] = position;
    }
  }
  let enteredHead = 0;
  let scan = 0;
  while (head < size) {
    if (head === tail) {
      let next = -1;
      while (next < 0 && enteredHead < entered.length) {
        const candidate = entered[enteredHead++] ?? 0;
        if (isQueued[candidate] === 0) next = candidate;
      }
      while (next < 0) {
        if (isQueued[scan] === 0) next = scan;
        scan++;
      }
      isQueued[next] = 1;
      queue[tail++] = next;
    }
    const position = queue[head++] ?? 0;
    const nextColumn = (column[position] ?? 0) + 1;
    const end = dependencyStart[position + 1] ?? 0;
    for (let slot = dependencyStart[position] ?? 0; slot < end; slot++) {
      const target = dependencyTarget[slot] ?? 0;
      if (isQueued[target] === 1) continue;
      if ((column[target] ?? 0) < nextColumn) column[target] = nextColumn;
      const left = (waiting[target] ?? 0) - 1;
      waiting[target] = left;
      if (left > 0) {
        entered.push(target);
        continue;
      }
      isQueued[target] = 1;
      queue[tail++] = target;
    }
  }
  return column;
}

/** Undirected adjacency from a flat list of node pairs [a0, b0, a1, b1, …]. */
function toAdjacency(nodeCount: number, pairs: number[]): MapAdjacency {
  const neighbourStart = new Int32Array(nodeCount + 1);
  for (const node of pairs) neighbourStart[node + 1] = (neighbourStart[node + 1] ?? 0) + 1;
  for (let node = 0; node < nodeCount; node++) {
    neighbourStart[node + 1] = (neighbourStart[node + 1] ?? 0) + (neighbourStart[node] ?? 0);
  }
  const fill = neighbourStart.slice(0, nodeCount);
  const neighbour = new Int32Array(pairs.length);
  for (let at = 0; at < pairs.length; at += 2) {
    const a = pairs[at] ?? 0;
    const b = pairs[at + 1] ?? 0;
    const slotA = fill[a] ?? 0;
    const slotB = fill[b] ?? 0;
    fill[a] = slotA + 1;
    fill[b] = slotB + 1;
    neighbour[slotA] = b;
    neighbour[slotB] = a;
  }
  return { neighbourStart, neighbour };
}

function rankBySlug(slugs: string[]): Int32Array {
  const order = slugs.map((_, node) => node);
  order.sort((a, b) => compareStrings(slugs[a] ?? "", slugs[b] ?? "") || a - b);
  const rank = new Int32Array(slugs.length);
  for (const [position, node] of order.entries()) rank[node] = position;
  return rank;
}

/**
 * A column taller than this many rows is dealt into side-by-side lanes, so that a 300-service
 * map keeps roughly a screen's proportions instead of columns thousands of pixels tall, which fit
 * to the screen as unreadable specks. Small maps (the usual case) are never wrapped.
 */
export function maxColumnRows(nodeCount: number): number {
  return Math.max(MIN_WRAPPED_ROWS, Math.ceil(Math.sqrt(1.5 * nodeCount)));
}

const MIN_WRAPPED_ROWS = 12;
export const LANE_GAP = 140;

/**
 * Lays the ordered columns out left to right. A wrapped column deals its nodes round-robin into
 * lanes, each node a fraction of a row below the one before, so the crossing-reducing order
 * still reads top to bottom.
 */
function placeColumns(
  columns: number[][],
  idOf: (node: number) => number,
): Map<number, MapPosition> {
  const positions = new Map<number, MapPosition>();
  const maxRows = maxColumnRows(columns.reduce((sum, nodes) => sum + nodes.length, 0));
  let left = 0;
  for (const nodes of columns) {
    const lanes = Math.max(1, Math.ceil(nodes.length / maxRows));
    const middle = (nodes.length - 1) / 2;
    for (const [order, node] of nodes.entries()) {
      positions.set(idOf(node), {
        x: left + (order % lanes) * LANE_GAP,
        y: ((order - middle) * ROW_GAP) / lanes,
      });
    }
    left += (lanes - 1) * LANE_GAP + COLUMN_GAP;
  }
  return positions;
}
