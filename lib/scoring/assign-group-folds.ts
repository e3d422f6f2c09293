/**
 * A fold per row with every group's rows in one fold: groups in order of first appearance are
 * dealt round-robin, so time-ordered rows give each fold a spread of periods. Deterministic.
 */
export function assignGroupFolds(groups: readonly string[], folds: number): Int32Array {
  const foldOfGroup = new Map<string, number>();
  const out = new Int32Array(groups.length);
  groups.forEach((group, i) => {
    let fold = foldOfGroup.get(group);
    if (fold === undefined) {
      fold = foldOfGroup.size % folds;
      foldOfGroup.set(group, fold);
    }
    out[i] = fold;
  });
  return out;
}

/** Row indices inside and outside one fold. */
export function splitFold(
  foldOfRow: Int32Array,
  fold: number,
): { inside: Int32Array; outside: Int32Array } {
  let insideCount = 0;
  for (const f of foldOfRow) if (f === fold) insideCount++;
  const inside = new Int32Array(insideCount);
  const outside = new Int32Array(foldOfRow.length - insideCount);
  let a = 0;
  let b = 0;
  foldOfRow.forEach((f, i) => {
    if (f === fold) inside[a++] = i;
    else outside[b++] = i;
  });
  return { inside, outside };
}
