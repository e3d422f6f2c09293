import { sigmoid } from "./compute-sigmoid";
import type { TLogisticFit } from "./schemas";
import { solveCholesky } from "./solve-cholesky";
import { type TDesignMatrix, toDesignMatrix } from "./to-design-matrix";

export type TLogisticOptions = {
  /** L2 strength on the weights (never the intercept), against the mean log loss. */
  lambda: number;
  maxIterations?: number;
  /** Converged when the gradient's or the step's largest component is below this. */
  tolerance?: number;
  /** Per-row weights (default 1); the loss is their weighted mean. */
  weights?: ArrayLike<number>;
  /** Start from a previous fit (warm start across a lambda grid). */
  start?: { weights: number[]; intercept: number };
};

/**
 * L2-regularised logistic regression by Newton's method (IRLS) with step halving:
 * minimises Σ wᵢ·logloss(yᵢ, σ(b + xᵢ·β)) / Σ wᵢ + (λ/2)·|β|².
 */
export function fitLogistic(
  x: number[][] | TDesignMatrix,
  y: ArrayLike<number>,
  options: TLogisticOptions,
): TLogisticFit {
  const matrix = Array.isArray(x) ? toDesignMatrix(x) : x;
  const { values, rows: n, cols: d } = matrix;
  const { lambda, maxIterations = 100, tolerance = 1e-8 } = options;
  const m = d + 1; // parameter 0 is the intercept
  const rowWeights = new Float64Array(n);
  let weightSum = 0;
  let positiveSum = 0;
  for (let i = 0; i < n; i++) {
    const w = options.weights ? (options.weights[i] ?? 0) : 1;
    rowWeights[i] = w;
    weightSum += w;
    positiveSum += w * (y[i] ?? 0);
  }
  if (n === 0 || weightSum <= 0) throw new Error("fitLogistic: no rows to fit");
  const beta = new Float64Array(m);
  if (options.start) {
    beta[0] = options.start.intercept;
    beta.set(options.start.weights, 1);
  } else {
    const rate = Math.min(1 - 1e-6, Math.max(1e-6, positiveSum / weightSum));
    beta[0] = Math.log(rate / (1 - rate));
  }

  const margins = new Float64Array(n);
  const objectiveAt = (candidate: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = candidate[0] ?? 0;
      const offset = i * d;
      for (let j = 0; j < d; j++) z += (values[offset + j] ?? 0) * (candidate[j + 1] ?? 0);
      margins[i] = z;
      // log(1 + e^z) − y·z, stable for both signs of z
      const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      loss += (rowWeights[i] ?? 0) * (softplus - (y[i] ?? 0) * z);
    }
    let penalty = 0;
    for (let j = 1; j < m; j++) penalty += (candidate[j] ?? 0) ** 2;
    return loss / weightSum + (lambda / 2) * penalty;
  };

  let objective = objectiveAt(beta);
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);
  const trial = new Float64Array(m);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < n; i++) {
      const w = rowWeights[i] ?? 0;
      if (w === 0) continue;
      const p = sigmoid(margins[i] ?? 0);
      const residual = w * (p - (y[i] ?? 0));
      const curvature = w * p * (1 - p);
      const offset = i * d;
      gradient[0] = (gradient[0] ?? 0) + residual;
      hessian[0] = (hessian[0] ?? 0) + curvature;
      for (let j = 0; j < d; j++) {
        const xj = values[offset + j] ?? 0;
        const cj = curvature * xj;
        gradient[j + 1] = (gradient[j + 1] ?? 0) + residual * xj;
        hessian[j + 1] = (hessian[j + 1] ?? 0) + cj; // row 0, filled symmetric below
        const rowStart = (j + 1) * m + 1;
        for (let k = 0; k <= j; k++) {
          hessian[rowStart + k] = (hessian[rowStart + k] ?? 0) + cj * (values[offset + k] ?? 0);
        }
      }
    }
    for (let a = 0; a < m; a++) {
      gradient[a] = (gradient[a] ?? 0) / weightSum + (a > 0 ? lambda * (beta[a] ?? 0) : 0);
      for (let b = 0; b <= a; b++) {
        const source = a === 0 || b === 0 ? Math.max(a, b) : a * m + b;
        const value = (hessian[source] ?? 0) / weightSum + (a === b && a > 0 ? lambda : 0);
        hessian[a * m + b] = value;
        hessian[b * m + a] = value;
      }
    }
    const gradientSize = maxAbs(gradient);
    const step = solveCholesky(hessian, gradient, m);
    let factor = 1;
    let accepted = false;
    for (let halving = 0; halving < 30; halving++) {
      for (let a = 0; a < m; a++) trial[a] = (beta[a] ?? 0) - factor * (step[a] ?? 0);
      const next = objectiveAt(trial);
      if (next <= objective + 1e-12 * Math.abs(objective)) {
        beta.set(trial);
        objective = next;
        accepted = true;
        break;
      }
      factor /= 2;
    }
    if (!accepted) objectiveAt(beta); // restore the margins of the current point
    const stepSize = factor * maxAbs(step);
    // The last Newton step is still taken: it squares the remaining error for free.
    if (gradientSize < tolerance || stepSize < tolerance * (1 + maxAbs(beta))) {
      converged = true;
      break;
    }
    if (!accepted) break;
  }
  return {
    weights: Array.from(beta.subarray(1)),
    intercept: beta[0] ?? 0,
    lambda,
    iterations,
    converged,
  };
}

/** σ(intercept + x·weights) for every row of a (standardised) design matrix. */
export function predictLogistic(
  fit: Pick<TLogisticFit, "weights" | "intercept">,
  matrix: TDesignMatrix,
): Float64Array {
  const { values, rows, cols } = matrix;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = fit.intercept;
    for (let j = 0; j < cols; j++) z += (values[i * cols + j] ?? 0) * (fit.weights[j] ?? 0);
    out[i] = sigmoid(z);
  }
  return out;
}

function maxAbs(vector: Float64Array): number {
  let largest = 0;
  for (const v of vector) largest = Math.max(largest, Math.abs(v));
  return largest;
}
