// npx tsx bench/semantic-diff.ts — the semantic diff of a 35-document release bundle (target ≤ 50 ms).
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { diffFile } from "../lib/remediation/diff-files";

const DIR = path.join(import.meta.dirname, "../test/fixtures/k8s/online-boutique");
const manifests = fs.readdirSync(DIR).map((name) => fs.readFileSync(path.join(DIR, name), "utf8"));
// Real online-boutique documents, renamed per copy until the bundle holds 35 of them.
const documents: string[] = [];
for (let copy = 0; documents.length < 35; copy++) {
  for (const text of manifests.flatMap((manifest) => manifest.split(/^---$/m))) {
    if (documents.length < 35 && text.trim())
      documents.push(copy === 0 ? text : text.replace(/^ {2}name: (\S+)$/m, `  name: $1-${copy}`));
  }
}
const bundle = documents.join("---\n");
const changed = bundle.replace("image: checkoutservice", "image: checkoutservice:v42");
console.log(
  `bundle: ${parseAllDocuments(bundle).length} documents, ${(bundle.length / 1024).toFixed(0)} KB`,
);
for (let i = 0; i < 10; i++) diffFile("release.yaml", bundle, changed);
const times: number[] = [];
for (let i = 0; i < 60; i++) {
  const start = performance.now();
  const diff = diffFile("release.yaml", bundle, changed);
  times.push(performance.now() - start);
  if (diff.documents.length !== 1)
    throw new Error(`expected 1 changed document, got ${diff.documents.length} (${diff.format})`);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
console.log(
  `semantic diff: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (target ≤ 50 ms)`,
);
