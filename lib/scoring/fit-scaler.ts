import type { TScaler } from "./schemas";
import { type TDesignMatrix, toDesignMatrix } from "./to-design-matrix";

/** Column means and population standard deviations; a constant column gets std 1 (left unscaled). */
export function fitScaler(rows: number[][] | TDesignMatrix): TScaler {
  const { values, rows: n, cols } = Array.isArray(rows) ? toDesignMatrix(rows) : rows;
  const means = new Array<number>(cols).fill(0);
  const stds = new Array<number>(cols).fill(1);
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i * cols + j] ?? 0;
    const mean = n > 0 ? sum / n : 0;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += ((values[i * cols + j] ?? 0) - mean) ** 2;
    const std = n > 0 ? Math.sqrt(squares / n) : 0;
    means[j] = mean;
    stds[j] = std > 1e-12 ? std : 1;
  }
  return { means, stds };
}

/** (x − mean) / std per column. */
export function applyScaler(scaler: TScaler, rows: number[][]): number[][] {
  return rows.map((row) => row.map((x, j) => (x - (scaler.means[j] ?? 0)) / (scaler.stds[j] ?? 1)));
}

/** The same, in place on a design matrix. */
export function applyScalerInPlace(scaler: TScaler, matrix: TDesignMatrix): void {
  const { values, rows, cols } = matrix;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      values[k] = ((values[k] ?? 0) - (scaler.means[j] ?? 0)) / (scaler.stds[j] ?? 1);
    }
  }
}
