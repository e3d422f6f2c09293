/**
 * Per group: is its positive row among the k highest predictions? Ties are shared fairly (the
 * chance the positive lands in the top k when tied rows are ordered at random), so a constant
 * forecaster scores chance. With several positives the best-ranked counts; groups without one
 * are skipped. Returns the mean over the groups that count, and how many did.
 */
export function computeTopKAccuracy(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: readonly string[],
  ks: number[],
): { accuracy: number[]; groupsWithPositive: number } {
  const rowsOfGroup = new Map<string, number[]>();
  groups.forEach((group, i) => {
    const rows = rowsOfGroup.get(group);
    if (rows) rows.push(i);
    else rowsOfGroup.set(group, [i]);
  });
  const totals = ks.map(() => 0);
  let counted = 0;
  for (const rows of rowsOfGroup.values()) {
    let best = Number.NEGATIVE_INFINITY;
    for (const i of rows) if (labels[i] === 1) best = Math.max(best, predicted[i] ?? 0);
    if (best === Number.NEGATIVE_INFINITY) continue;
    counted++;
    let above = 0;
    let tiedOthers = -1; // the positive itself is one of the tied rows
    for (const i of rows) {
      const p = predicted[i] ?? 0;
      if (p > best) above++;
      else if (p === best) tiedOthers++;
    }
    ks.forEach((k, index) => {
      // Rank is uniform on above+1 … above+tiedOthers+1.
      const slots = Math.max(0, Math.min(k - above, tiedOthers + 1));
      totals[index] = (totals[index] ?? 0) + slots / (tiedOthers + 1);
    });
  }
  return {
    accuracy: totals.map((t) => (counted > 0 ? t / counted : Number.NaN)),
    groupsWithPositive: counted,
  };
}
