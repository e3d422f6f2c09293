/**
 * Solves A x = b for a symmetric positive (semi-)definite n×n A (row-major) by Cholesky.
 * When A is not numerically positive definite, a growing ridge is added to its diagonal.
 */
export function solveCholesky(a: Float64Array, b: Float64Array, n: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < n; i++) trace += Math.abs(a[i * n + i] ?? 0);
  const scale = trace > 0 ? trace / n : 1;
  for (let ridge = 0; ridge <= scale; ridge = ridge === 0 ? scale * 1e-12 : ridge * 10) {
    const lower = decompose(a, n, ridge);
    if (lower) return substitute(lower, b, n);
  }
  throw new Error("solveCholesky: the matrix is not positive definite even with a ridge");
}

function decompose(a: Float64Array, n: number, ridge: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (a[i * n + j] ?? 0) + (i === j ? ridge : 0);
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] ?? 0) * (l[j * n + k] ?? 0);
      if (i === j) {
        if (!(sum > 1e-14 * (Math.abs(a[i * n + i] ?? 0) + ridge + 1e-300))) return null;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / (l[j * n + j] ?? 1);
      }
    }
  }
  return l;
}

function substitute(l: Float64Array, b: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (l[i * n + k] ?? 0) * (y[k] ?? 0);
    y[i] = sum / (l[i * n + i] ?? 1);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (l[i * n + i] ?? 1);
  }
  return x;
}
