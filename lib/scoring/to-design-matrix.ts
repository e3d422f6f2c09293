/** A dense row-major matrix: typed storage so the optimiser's inner loops allocate nothing. */
export type TDesignMatrix = { values: Float64Array; rows: number; cols: number };

export function toDesignMatrix(rows: number[][]): TDesignMatrix {
  const cols = rows[0]?.length ?? 0;
  const values = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new Error(`Row ${i} has ${row.length} values, expected ${cols}`);
    values.set(row, i * cols);
  });
  return { values, rows: rows.length, cols };
}

/** The rows at the given indices, in that order. */
export function selectRows(matrix: TDesignMatrix, indices: ArrayLike<number>): TDesignMatrix {
  const { cols } = matrix;
  const values = new Float64Array(indices.length * cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] ?? 0;
    values.set(matrix.values.subarray(i * cols, (i + 1) * cols), k * cols);
  }
  return { values, rows: indices.length, cols };
}

/** Feature rows as a matrix in featureNames order; a feature a row does not have counts as 0. */
export function toFeatureMatrix(
  features: readonly Record<string, number>[],
  featureNames: readonly string[],
): TDesignMatrix {
  const cols = featureNames.length;
  const values = new Float64Array(features.length * cols);
  features.forEach((row, i) => {
    for (let j = 0; j < cols; j++) {
      const value = row[featureNames[j] ?? ""];
      values[i * cols + j] = typeof value === "number" && Number.isFinite(value) ? value : 0;
    }
  });
  return { values, rows: features.length, cols };
}
