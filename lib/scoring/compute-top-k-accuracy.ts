/**
 * Per group: is its positive row among the k highest predictions? Ties are shared fairly (the
 * chance the positive lands in the top k when tied rows are ordered at random), so a constant
 * forecaster scores chance. With several positives any of them counts; groups without one
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
    let tied = 0;
    let tiedPositives = 0;
    for (const i of rows) {
      const p = predicted[i] ?? 0;
      if (p > best) above++;
      else if (p === best) {
        tied++;
        if (labels[i] === 1) tiedPositives++;
      }
    }
    ks.forEach((k, index) => {
      // The tied rows fill the remaining slots in random order: P(a positive gets one).
      const slots = Math.max(0, Math.min(k - above, tied));
      let missAll = 1;
      for (let s = 0; s < slots; s++) missAll *= Math.max(0, tied - tiedPositives - s) / (tied - s);
      totals[index] = (totals[index] ?? 0) + (1 - missAll);
    });
  }
  return {
    accuracy: totals.map((t) => (counted > 0 ? t / counted : Number.NaN)),
    groupsWithPositive: counted,
  };
}
