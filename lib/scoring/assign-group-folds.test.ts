import { describe, expect, it } from "vitest";
import { assignGroupFolds, splitFold } from "./assign-group-folds";

describe("assignGroupFolds", () => {
  it("keeps each group in one fold and deals groups round-robin", () => {
    const folds = assignGroupFolds(["a", "a", "b", "c", "b", "d", "e", "f"], 5);
    expect(Array.from(folds)).toEqual([0, 0, 1, 2, 1, 3, 4, 0]);
    const { inside, outside } = splitFold(folds, 1);
    expect(Array.from(inside)).toEqual([2, 4]);
    expect(Array.from(outside)).toEqual([0, 1, 3, 5, 6, 7]);
  });
});
