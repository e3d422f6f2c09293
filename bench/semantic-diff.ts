// npx tsx bench/semantic-diff.ts — the semantic diff of a 35-document release bundle (target ≤ 50 ms).
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { diffFile } from "../lib/remediation/diff-files";

const ROOT = path.join(import.meta.dirname, "../test/fixtures/k8s");
const manifests = ["online-boutique", "sock-shop"].flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => fs.readFileSync(path.join(ROOT, dir, name), "utf8")),
);
// Real online-boutique then sock-shop documents, until the bundle holds 35 of them.
const documents = manifests
  .flatMap((manifest) => parseAllDocuments(manifest))
  .filter((doc) => doc.contents !== null)
  .slice(0, 35)
  .map((doc) => doc.toString({ lineWidth: 0 }))
  .map((text) => (text.startsWith("---") ? text : `---\n${text}`));
const bundle = documents.join("");
const changed = bundle.replace("image: checkoutservice", "image: checkoutservice:v42");
if (changed === bundle) throw new Error("the bundle has no checkoutservice Deployment to change");
console.log(
  `bundle: ${parseAllDocuments(bundle).length} documents, ${(bundle.length / 1024).toFixed(0)} KB`,
);

const run = () => {
  const start = performance.now();
  const diff = diffFile("release.yaml", bundle, changed);
  if (diff.documents.length !== 1)
    throw new Error(`expected 1 changed document, got ${diff.documents.length}`);
  return performance.now() - start;
};
for (let i = 0; i < 20; i++) run();
const times = Array.from({ length: 100 }, run).sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
console.log(
  `diffFile, ${times.length} runs: median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (target ≤ 50 ms)`,
);
