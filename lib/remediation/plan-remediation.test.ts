import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { computeDiffHash } from "./compute-diff-hash";
import { diffFile } from "./diff-files";
import { planRevert } from "./plan-revert";
import { planRollback } from "./plan-rollback";

// Real manifests from GoogleCloudPlatform/microservices-demo (test/fixtures/SOURCES.md).
const FIXTURES = path.join(import.meta.dirname, "../../test/fixtures/k8s/online-boutique");
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const CHECKOUT = read("checkoutservice.yaml");
const CONFIG = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: checkout-config\ndata:\n  PAYMENT_TIMEOUT_MS: "3000"\n`;

/** The v42 release: a new image tag and a readiness timeout below start-up, as the demo's. */
function v42(text: string): string {
  return text
    .replace("image: checkoutservice", "image: checkoutservice:v42")
    .replace(
      "          readinessProbe:\n            grpc:\n              port: 5050",
      "          readinessProbe:\n            timeoutSeconds: 1\n            grpc:\n              port: 5050",
    );
}

describe("planRollback", () => {
  const before = { "k8s/checkout.yaml": `${CHECKOUT}---\n${CONFIG}` };
  const after = {
    "k8s/checkout.yaml": `${v42(CHECKOUT)}---\n${CONFIG.replace('"3000"', '"800"')}`,
  };

  it("restores the Deployment spec and warns that the ConfigMap changed in the same deploy stays", () => {
    expect(after["k8s/checkout.yaml"]).toContain("checkoutservice:v42");
    const plan = planRollback({ current: after, target: before });
    expect(plan.writes).toHaveLength(1);
    const written = plan.writes[0]?.content ?? "";
    expect(written).toContain("image: checkoutservice\n");
    expect(written).not.toContain("timeoutSeconds: 1");
    expect(written).toContain('PAYMENT_TIMEOUT_MS: "800"');
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        code: "not_reverted",
        document: "v1 ConfigMap default/checkout-config",
        message: expect.stringMatching(/ConfigMap default\/checkout-config .*will NOT be reverted/),
      }),
    ]);
    const diff = plan.diffs[0];
    expect(diff?.documents.map((doc) => doc.ref?.key)).toEqual([
      "apps/v1 Deployment default/checkoutservice",
    ]);
    expect(diff?.diff).toMatch(/^-\s+image: checkoutservice:v42$/m);
    expect(diff?.diff).toMatch(/^\+\s+image: checkoutservice$/m);
    expect(diff?.diff).toMatch(/^-\s+timeoutSeconds: 1$/m);
  });

  it("reverts the ConfigMap too when the responder deliberately adds it", () => {
    const plan = planRollback({
      current: after,
      target: before,
      include: ["v1 ConfigMap default/checkout-config"],
    });
    expect(plan.writes[0]?.content).toContain('PAYMENT_TIMEOUT_MS: "3000"');
    expect(plan.warnings.map((warning) => warning.code)).toEqual(["included"]);
  });

  it("keeps the untouched documents' comments", () => {
    const commented = {
      "k8s/checkout.yaml": after["k8s/checkout.yaml"].replace(
        "kind: Service\n",
        "kind: Service # public\n",
      ),
    };
    const plan = planRollback({ current: commented, target: before });
    expect(plan.writes[0]?.content).toContain("# public");
  });
});

describe("diffFile", () => {
  it("shows no diff for YAML whose keys were reordered, requoted and reindented", () => {
    const docs = parseAllDocuments(CHECKOUT).map((doc) => doc.toJS());
    const reordered = docs
      .map((doc) => stringify(reverseKeys(doc), { defaultStringType: "QUOTE_DOUBLE", indent: 4 }))
      .join("---\n");
    expect(reordered).not.toBe(CHECKOUT);
    const diff = diffFile("checkout.yaml", CHECKOUT, reordered);
    expect(diff).toMatchObject({ format: "yaml", documents: [], diff: "" });
    const json = diffFile("flags.json", '{"a": 1, "b": [1, 2]}', '{\n  "b": [1, 2],\n  "a": 1\n}');
    expect(json.diff).toBe("");
  });

  it("shows only the one Deployment that changed in a multi-document bundle", () => {
    const bundle = [
      "cartservice.yaml",
      "checkoutservice.yaml",
      "frontend.yaml",
      "paymentservice.yaml",
    ]
      .map(read)
      .join("---\n");
    const changed = bundle.replace("image: checkoutservice", "image: checkoutservice:v42");
    const diff = diffFile("release.yaml", bundle, changed);
    expect(parseAllDocuments(bundle).length).toBeGreaterThan(8);
    expect(diff.documents).toEqual([
      {
        ref: expect.objectContaining({ key: "apps/v1 Deployment default/checkoutservice" }),
        index: expect.any(Number),
        change: "changed",
      },
    ]);
    expect(diff.diff).not.toContain("cartservice:7070\n+");
    expect(diff.diff).not.toContain("Deployment default/frontend");
  });

  it("redacts Secret values and secret env values, showing only that they changed", () => {
    const secret = (password: string) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${password}\n  user: app\n`;
    const diff = diffFile("secret.yaml", secret("hunter2"), secret("s3cr3t-new"));
    expect(diff.hasSecretChange).toBe(true);
    expect(diff.diff).toMatch(/^\+\s+password: REDACTED \(new value\)$/m);
    expect(diff.diff).not.toMatch(/^[-+]\s+user:/m);
    expect(diff.diff).not.toMatch(/hunter2|s3cr3t-new/);
    const withEnv = (value: string) =>
      CHECKOUT.replace(
        "          - name: PORT\n",
        `          - name: DB_PASSWORD\n            value: "${value}"\n          - name: PORT\n`,
      );
    const env = diffFile("checkout.yaml", withEnv("old-pass"), withEnv("new-pass"));
    expect(env.hasSecretChange).toBe(true);
    expect(env.diff).not.toMatch(/old-pass|new-pass/);
    expect(env.diff).toMatch(/^-\s+value: REDACTED \(old value\)$/m);
  });

  it("diffs a file named .yaml that does not parse as plain text, saying so", () => {
    const diff = diffFile("values.yaml", "a: [1\n", "a: [2\n");
    expect(diff.format).toBe("text");
    expect(diff.note).toBe("not valid YAML: compared as plain text");
    expect(diff.diff).toMatch(/^-a: \[1$/m);
  });
});

describe("planRevert", () => {
  it("restores a .properties file whole, with secret-named values hidden in the diff", () => {
    const v1 = "pool.size=10\ntimeout.ms=3000\ndb.password=hunter2\n";
    const v2 = "pool.size=2\ntimeout.ms=3000\ndb.password=changed!\n";
    const plan = planRevert({
      current: { "app.properties": v2 },
      target: { "app.properties": v1 },
      paths: ["app.properties"],
    });
    expect(plan.writes).toEqual([{ path: "app.properties", content: v1 }]);
    expect(plan.diffs[0]?.diff).toMatch(/^-pool.size=2$/m);
    expect(plan.diffs[0]?.diff).toMatch(/^\+pool.size=10$/m);
    expect(plan.diffs[0]?.diff).not.toMatch(/hunter2|changed!/);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(["secret_redacted"]);
  });
});

describe("computeDiffHash", () => {
  it("changes with the base versions and with a secret's content, not with the order of files", () => {
    const diffs = [diffFile("a.yaml", "a: 1\n", "a: 2\n")];
    const writes = [{ path: "a.yaml", content: "a: 2\n" }];
    const hash = computeDiffHash({ diffs, base: { "a.yaml": "x" }, writes });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(computeDiffHash({ diffs, base: { "a.yaml": "x" }, writes })).toBe(hash);
    expect(computeDiffHash({ diffs, base: { "a.yaml": "y" }, writes })).not.toBe(hash);
    expect(
      computeDiffHash({
        diffs,
        base: { "a.yaml": "x" },
        writes: [{ path: "a.yaml", content: "a: 3\n" }],
      }),
    ).not.toBe(hash);
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
