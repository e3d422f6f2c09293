import fs from "node:fs";
import path from "node:path";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { diffFile } from "@/lib/remediation/diff-files";
import { planRollback } from "@/lib/remediation/plan-rollback";
import { CONFIG_MAP, DEPLOYMENT } from "@/lib/remediation/view/order-service.test-helper";
import { DiffViewer } from "./diff-viewer";

const ROOT = path.join(import.meta.dirname, "../../../..");
const v41 = { "k8s/order-service.yaml": `${DEPLOYMENT}---\n${CONFIG_MAP}` };
const v42 = {
  "k8s/order-service.yaml": v41["k8s/order-service.yaml"]
    .replace("order-service:v41", "order-service:v42")
    .replace("LOG_LEVEL: info", "LOG_LEVEL: debug"),
};
const secret = (password: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\nstringData:\n  password: ${password}\n`;

describe("DiffViewer", () => {
  it("shows a rollback's not-reverted warning as an alert above the diff it explains", () => {
    const plan = planRollback({ current: v42, target: v41 });
    expect(plan.warnings.map((warning) => warning.code)).toEqual(["not_reverted"]);
    const html = renderToString(<DiffViewer files={plan.diffs} warnings={plan.warnings} />);
    expect(html.indexOf('data-code="not_reverted"')).toBeLessThan(html.indexOf('"diff-file"'));
    expect(html).toMatch(
      /data-code="not_reverted" role="alert">.*?v1 ConfigMap shop\/order-service-config<\/span><\/li>/,
    );
    expect(html).toContain('data-path="k8s/order-service.yaml"');
    expect(html).toContain(
      '<span class="diff-section">apps/v1 Deployment shop/order-service</span>',
    );
    expect(html).toMatch(
      /data-kind="del".*?order-service:v42.*?data-kind="add".*?order-service:v41/,
    );
    expect(html).toMatch(/aria-pressed="true">Unified</);
    expect(html).not.toContain("unchanged line");
  });

  it("folds context into keyboard-reachable buttons and pairs lines side by side", () => {
    const diff = diffFile(
      "k8s/order-service.yaml",
      v41["k8s/order-service.yaml"],
      v42["k8s/order-service.yaml"],
    );
    const html = renderToString(
      <DiffViewer files={[diff]} warnings={[]} initialView="split" contextLines={1} />,
    );
    expect(html).toMatch(/aria-pressed="true">Side by side</);
    expect(
      html.match(/<button type="button" class="diff-expand">Show 2 unchanged lines/g),
    ).toHaveLength(4);
    // A changed line is one row: old number and text on the left, new on the right.
    expect(html).toMatch(
      /data-kind="change">(<td[^>]*>.*?<\/td>){2}<td class="diff-code del"> {2}LOG_LEVEL: info<\/td>(<td[^>]*>.*?<\/td>){2}<td class="diff-code add"> {2}LOG_LEVEL: debug</,
    );
  });

  it("says when a file was compared as plain text and when secret values are hidden", () => {
    const broken = diffFile("k8s/configmap.yaml", CONFIG_MAP, `${CONFIG_MAP}  BROKEN: [\n`);
    const secrets = diffFile("k8s/secret.yaml", secret("a"), secret("b"));
    expect(secrets.hasSecretChange).toBe(true);
    const html = renderToString(<DiffViewer files={[broken, secrets]} warnings={[]} />);
    expect(html).toContain(
      '<span class="badge warning">plain text</span><span class="subtle small">not valid YAML: compared as plain text</span>',
    );
    expect(html).toContain("secret values hidden");
    expect(html).not.toMatch(/password: [ab]\b/);
  });

  it("says there is nothing to review when every diff is empty, still showing warnings", () => {
    const none = diffFile("k8s/configmap.yaml", CONFIG_MAP, CONFIG_MAP);
    const warning = { code: "no_change" as const, message: "Already at the target." };
    const html = renderToString(<DiffViewer files={[none]} warnings={[warning]} />);
    expect(html).toContain('data-code="no_change"');
    expect(html).not.toContain('role="alert"');
    expect(html).toContain('data-testid="diff-empty"');
  });

  // The page's CSP has no 'unsafe-eval' and zod probes eval, so nothing the viewer loads at
  // run time may import zod (or anything else beyond React and the diff parser).
  it("loads no zod: only type imports reach lib/remediation/schemas", () => {
    const packages = listRuntimePackages(path.join(import.meta.dirname, "diff-viewer.tsx"));
    expect([...packages].sort()).toEqual(["diff", "react"]);
  });
});

function listRuntimePackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const [, specifier] of source.matchAll(
      /^(?:import|export)(?!\s+type\b)[^;]*?from\s+"([^"]+)"/gms,
    )) {
      if (!specifier) continue;
      if (!specifier.startsWith(".") && !specifier.startsWith("@/")) {
        packages.add(specifier);
        continue;
      }
      const base = specifier.startsWith("@/")
        ? path.join(ROOT, specifier.slice(2))
        : path.resolve(path.dirname(file), specifier);
      const resolved = [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find(fs.existsSync);
      if (!resolved) throw new Error(`cannot resolve ${specifier} from ${file}`);
      visit(resolved);
    }
  };
  visit(entry);
  return packages;
}
