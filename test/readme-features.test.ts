import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FEATURES } from "@/lib/scoring/extract-features";

const README = fs.readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8");

describe("the README's feature table", () => {
  it("documents every feature the model reads, with the description the code gives", () => {
    const missing = FEATURES.filter(
      (feature) =>
        !README.includes(`| \`${feature.name}\``) ||
        !README.includes(feature.description.replace(/\|/g, "\\|")),
    );
    expect(missing.map((feature) => feature.name)).toEqual([]);
  });
});
