import { describe, expect, it } from "vitest";
import { splitYamlDocuments } from "./split-yaml-documents";

describe("splitYamlDocuments", () => {
  it("splits at --- lines and keeps each chunk's place in the file", () => {
    const text = "# release\n---\na: 1\n--- # second\nb: |\n  ---not a marker\n---\n";
    const chunks = splitYamlDocuments(text) ?? [];
    expect(chunks.map((chunk) => chunk.text)).toEqual([
      "# release\n",
      "---\na: 1\n",
      "--- # second\nb: |\n  ---not a marker\n",
      "---\n",
    ]);
    expect(chunks.map((chunk) => chunk.isBlank)).toEqual([true, false, false, true]);
    expect(chunks.map((chunk) => text.slice(chunk.start, chunk.end)).join("")).toBe(text);
    expect(text.slice(chunks[2]?.bodyStart)).toMatch(/^b: \|/);
  });

  it("gives up on directives and document-end markers", () => {
    expect(splitYamlDocuments("%YAML 1.2\n---\na: 1\n")).toBeNull();
    expect(splitYamlDocuments("a: 1\n...\n---\nb: 2\n")).toBeNull();
  });
});
