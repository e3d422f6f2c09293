/** Nodes 0..n-1 with undirected neighbours `neighbour[neighbourStart[v] .. neighbourStart[v + 1])`. */
export type MapAdjacency = {
  neighbourStart: Int32Array;
  neighbour: Int32Array;
};

/**
 * Orders the nodes within each column to reduce edge crossings: by slug first, then one sweep
 * left to right and one right to left, each placing a node at the mean position of its
 * neighbours in the column just swept (barycentre). Ties, and nodes without such neighbours,
 * keep a stable place: by their previous position, then slug.
 */
export function orderMapColumns(
  columns: number[][],
  adjacency: MapAdjacency,
  slugRank: Int32Array,
): number[][] {
  const nodeCount = slugRank.length;
  const columnOf = new Int32Array(nodeCount);
  const place = new Float64Array(nodeCount);
  const barycentre = new Float64Array(nodeCount);
  const bySlug = (a: number, b: number) => (slugRank[a] ?? 0) - (slugRank[b] ?? 0);
  const byBarycentre = (a: number, b: number) =>
    (barycentre[a] ?? 0) - (barycentre[b] ?? 0) || bySlug(a, b);

  const setPlaces = (column: number[]) => {
    const last = column.length - 1;
    for (const [row, node] of column.entries()) place[node] = last > 0 ? row / last : 0.5;
  };
  const reorder = (column: number[], reference: number) => {
    for (const node of column) {
      let sum = 0;
      let count = 0;
      const end = adjacency.neighbourStart[node + 1] ?? 0;
      for (let slot = adjacency.neighbourStart[node] ?? 0; slot < end; slot++) {
        const other = adjacency.neighbour[slot] ?? 0;
        if (columnOf[other] !== reference) continue;
        sum += place[other] ?? 0;
        count++;
      }
      barycentre[node] = count > 0 ? sum / count : (place[node] ?? 0);
    }
    column.sort(byBarycentre);
    setPlaces(column);
  };

  for (const [index, column] of columns.entries()) {
    for (const node of column) columnOf[node] = index;
    column.sort(bySlug);
    setPlaces(column);
  }
  for (let index = 1; index < columns.length; index++) reorder(columns[index] ?? [], index - 1);
  for (let index = columns.length - 2; index >= 0; index--)
    reorder(columns[index] ?? [], index + 1);
  return columns;
}
