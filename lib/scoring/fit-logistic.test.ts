import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../graph/create-seeded-random";
import { logit, sigmoid } from "./compute-sigmoid";
import { fitLogistic, predictLogistic } from "./fit-logistic";
import { toDesignMatrix } from "./to-design-matrix";

/** A 2×2 table as rows: `total` rows at x, `positives` of them labelled 1. */
function tableRows(cells: { x: number; total: number; positives: number }[]) {
  const x: number[][] = [];
  const y: number[] = [];
  for (const cell of cells) {
    for (let i = 0; i < cell.total; i++) {
      x.push([cell.x]);
      y.push(i < cell.positives ? 1 : 0);
    }
  }
  return { x, y };
}

describe("fitLogistic", () => {
  it("matches the closed-form MLE of a 2×2 table: logit of each row's rate", () => {
    const { x, y } = tableRows([
      { x: 0, total: 10, positives: 3 },
      { x: 1, total: 20, positives: 15 },
    ]);
    const fit = fitLogistic(x, y, { lambda: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(logit(0.3), 8);
    expect(fit.weights[0]).toBeCloseTo(logit(0.75) - logit(0.3), 8);
  });

  it("matches a hand-derived penalised optimum: σ(w) + λw = q on symmetric x = ±1", () => {
    // With x = ±1 and mirrored label weights the intercept is 0 and the gradient in w is
    // σ(w) − q + λw, so q = σ(1) + λ puts the optimum at exactly w = 1.
    const lambda = 0.1;
    const q = sigmoid(1) + lambda;
    const fit = fitLogistic([[1], [1], [-1], [-1]], [1, 0, 1, 0], {
      lambda,
      weights: [q, 1 - q, 1 - q, q],
    });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(0, 10);
    expect(fit.weights[0]).toBeCloseTo(1, 10);
  });

  it("shrinks the weights as lambda grows, never the intercept's meaning", () => {
    const { x, y } = tableRows([
      { x: -1, total: 40, positives: 8 },
      { x: 1, total: 40, positives: 30 },
    ]);
    const sizes = [0, 0.01, 0.1, 1, 10].map((lambda) => {
      const fit = fitLogistic(x, y, { lambda });
      expect(fit.converged).toBe(true);
      return Math.abs(fit.weights[0] ?? 0);
    });
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1] ?? 0);
    // Fully shrunk, the unpenalised intercept alone fits the overall rate.
    const flat = fitLogistic(x, y, { lambda: 1e6 });
    expect(sigmoid(flat.intercept)).toBeCloseTo(38 / 80, 3);
  });

  it("meets the optimality condition on several features: penalised gradient ≈ 0", () => {
    const random = createSeededRandom(4);
    const x = Array.from({ length: 500 }, () => [random() * 2 - 1, random() * 4, random()]);
    const y = x.map(([a = 0, b = 0, c = 0]) => (random() < sigmoid(1.5 * a - 0.5 * b + c) ? 1 : 0));
    const lambda = 0.05;
    const fit = fitLogistic(x, y, { lambda });
    expect(fit.converged).toBe(true);
    // ∂/∂b = mean(p − y), ∂/∂wⱼ = mean((p − y)·xⱼ) + λ·wⱼ, computed here independently.
    const gradient = [0, 0, 0, 0];
    x.forEach((row, i) => {
      const p = sigmoid(fit.intercept + row.reduce((s, v, j) => s + v * (fit.weights[j] ?? 0), 0));
      const r = (p - (y[i] ?? 0)) / x.length;
      gradient[0] = (gradient[0] ?? 0) + r;
      row.forEach((v, j) => {
        gradient[j + 1] = (gradient[j + 1] ?? 0) + r * v;
      });
    });
    fit.weights.forEach((w, j) => {
      gradient[j + 1] = (gradient[j + 1] ?? 0) + lambda * w;
    });
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-10);
  });

  it("says when it ran out of iterations", () => {
    const { x, y } = tableRows([
      { x: 0, total: 10, positives: 3 },
      { x: 1, total: 20, positives: 15 },
    ]);
    const fit = fitLogistic(x, y, { lambda: 0, maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(1);
  });

  it("keeps weights finite on separable data, and a penalty keeps them small", () => {
    const x = [[0], [1], [2], [3]];
    const y = [0, 0, 1, 1];
    const free = fitLogistic(x, y, { lambda: 0 });
    expect(Number.isFinite(free.weights[0])).toBe(true);
    expect(free.weights[0]).toBeGreaterThan(10);
    const penalised = fitLogistic(x, y, { lambda: 0.1 });
    expect(penalised.converged).toBe(true);
    expect(penalised.weights[0]).toBeLessThan(3);
  });

  it("predicts σ(b + x·w) per row", () => {
    const p = predictLogistic({ intercept: 0.5, weights: [2, -1] }, toDesignMatrix([[1, 3]]));
    expect(p[0]).toBeCloseTo(sigmoid(-0.5), 12);
  });
});
