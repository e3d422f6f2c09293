import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { diffFile } from "./diff-files";
import { CONTAINER, editManifest, listFixtures, readFixture } from "./fixtures.test-helper";

const CHECKOUT = readFixture("online-boutique/checkoutservice.yaml");

describe("diffFile", () => {
  it("shows no diff for YAML whose keys were reordered, requoted and reindented", () => {
    const reordered = parseAllDocuments(CHECKOUT)
      .map((doc) =>
        stringify(reverseKeys(doc.toJS()), { defaultStringType: "QUOTE_SINGLE", indent: 4 }),
      )
      .join("---\n");
    expect(reordered).not.toBe(CHECKOUT);
    expect(diffFile("checkout.yaml", CHECKOUT, reordered)).toEqual({
      path: "checkout.yaml",
      format: "yaml",
      documents: [],
      diff: "",
      hasSecretChange: false,
    });
  });

  it("shows no diff for JSON whose keys were reordered and reformatted", () => {
    const config = readFixture("hotel-reservation/config.json");
    const reordered = JSON.stringify(reverseKeys(JSON.parse(config)));
    expect(diffFile("config.json", config, reordered)).toMatchObject({
      format: "json",
      documents: [],
      diff: "",
    });
    const changed = JSON.stringify({ ...JSON.parse(config), added: true });
    expect(diffFile("config.json", config, changed).diff).toMatch(/^\+\s+"added": true,?$/m);
  });

  it("shows only the one Deployment that changed in a multi-document release bundle", () => {
    const bundle = [...listFixtures("online-boutique"), ...listFixtures("sock-shop")]
      .map(readFixture)
      .join("---\n");
    const changed = editManifest(bundle, (doc) => {
      if (doc.getIn(["metadata", "name"]) === "checkoutservice" && doc.get("kind") === "Deployment")
        doc.setIn([...CONTAINER, "image"], "checkoutservice:v42");
    });
    expect(parseAllDocuments(bundle).length).toBeGreaterThan(35);
    const diff = diffFile("release.yaml", bundle, changed);
    expect(diff.documents).toEqual([
      {
        ref: expect.objectContaining({ key: "apps/v1 Deployment default/checkoutservice" }),
        index: expect.any(Number),
        change: "changed",
      },
    ]);
    expect(diff.diff).toMatch(/^@@ .* @@ apps\/v1 Deployment default\/checkoutservice$/m);
    expect(diff.diff.match(/^[-+] /gm)).toHaveLength(2);
    expect(diff.diff).not.toContain("frontend");
  });

  it("shows an added document whole and a removed one whole", () => {
    const [deployment, service] = CHECKOUT.split(/^---\n/m);
    const diff = diffFile("checkout.yaml", deployment ?? "", `${deployment}---\n${service}`);
    expect(diff.documents).toEqual([expect.objectContaining({ change: "added" })]);
    expect(diff.diff).toMatch(/^\+kind: Service$/m);
    expect(diff.diff).not.toMatch(/^-(?!--)/m);
    const deleted = diffFile("checkout.yaml", CHECKOUT, null);
    expect(deleted.documents.map((doc) => doc.change)).toEqual(["removed", "removed", "removed"]);
    expect(deleted.diff).toContain("+++ /dev/null");
  });

  it("diffs a file named .yaml that does not parse as plain text, saying so", () => {
    const broken = CHECKOUT.replace("kind: Service\n", "kind: [Service\n");
    const diff = diffFile("checkout.yaml", CHECKOUT, broken);
    expect(diff.format).toBe("text");
    expect(diff.note).toBe("not valid YAML: compared as plain text");
    expect(diff.diff).toMatch(/^\+kind: \[Service$/m);
    expect(diffFile("a.json", "{", "{}").note).toBe("not valid JSON: compared as plain text");
  });

  it("diffs other files as text", () => {
    const diff = diffFile("app.ini", "[pool]\nsize=2\n", "[pool]\nsize=10\n");
    expect(diff).toMatchObject({ format: "text", documents: [] });
    expect(diff.diff).toMatch(/^-size=2\n\+size=10$/m);
    expect(diff.note).toBeUndefined();
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}
