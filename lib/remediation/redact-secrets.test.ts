import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { diffFile } from "./diff-files";
import { CONTAINER, editManifest, readFixture } from "./fixtures.test-helper";
import { redactText } from "./redact-secrets";

// sock-shop's catalogue-db sets MYSQL_ROOT_PASSWORD as a literal env value.
const CATALOGUE_DB = readFixture("sock-shop/07-catalogue-db-dep.yaml");
const secret = (password: string) =>
  stringify({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "catalogue-db", namespace: "sock-shop" },
    data: { password: Buffer.from(password).toString("base64") },
    stringData: { user: "root" },
  });

describe("secret redaction", () => {
  it("shows a changed Secret value as changed, never the old or new value", () => {
    const diff = diffFile("secret.yaml", secret("fake_password"), secret("rotated-2026"));
    expect(diff.hasSecretChange).toBe(true);
    expect(diff.diff).toMatch(/^-\s+password: "?<redacted, old>"?$/m);
    expect(diff.diff).toMatch(/^\+\s+password: "?<redacted, new>"?$/m);
    for (const value of ["fake_password", "rotated-2026", "root"]) {
      expect(diff.diff).not.toContain(value);
      expect(diff.diff).not.toContain(Buffer.from(value).toString("base64"));
    }
  });

  it("hides a secret-named env value and a literal value next to a secretKeyRef", () => {
    const v42 = editManifest(CATALOGUE_DB, (doc) => {
      doc.setIn([...CONTAINER, "env", 0, "value"], "new_password");
      doc.setIn([...CONTAINER, "env", 1, "valueFrom"], {
        secretKeyRef: { name: "catalogue-db", key: "database" },
      });
      doc.setIn([...CONTAINER, "image"], "weaveworksdemos/catalogue-db:0.3.1");
    });
    const diff = diffFile("catalogue-db.yaml", CATALOGUE_DB, v42);
    expect(diff.hasSecretChange).toBe(true);
    expect(diff.diff).not.toMatch(/fake_password|new_password|socksdb/);
    expect(diff.diff).toMatch(/^-\s+value: "?<redacted, old>"?$/m);
    expect(diff.diff).toMatch(/^\+\s+value: "?<redacted, new>"?$/m);
    expect(diff.diff).toMatch(/^\+\s+image: weaveworksdemos\/catalogue-db:0.3.1$/m);
  });

  it("redacts secret-named keys of .env/.properties files, and whole files for logs", () => {
    const diff = diffFile(
      ".env",
      "API_KEY=abc\nLOG_LEVEL=info\n",
      "API_KEY=xyz\nLOG_LEVEL=debug\n",
    );
    expect(diff.hasSecretChange).toBe(true);
    expect(diff.diff).not.toMatch(/abc|xyz/);
    expect(redactText("app.properties", "db.password=hunter2\npool.size=2\n")).toBe(
      "db.password=<redacted>\npool.size=2\n",
    );
    const redacted = redactText("catalogue-db.yaml", CATALOGUE_DB);
    expect(redacted).not.toContain("fake_password");
    expect(redacted).toContain("value: <redacted>");
    expect(redacted.replace("<redacted>", "fake_password")).toBe(CATALOGUE_DB);
  });
});
