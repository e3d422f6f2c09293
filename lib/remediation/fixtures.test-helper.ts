import fs from "node:fs";
import path from "node:path";
import { type Document, parseAllDocuments, stringify } from "yaml";

// Real manifests (test/fixtures/SOURCES.md): the tests edit them, never hand-write whole ones.
const ROOT = path.join(import.meta.dirname, "../../test/fixtures/k8s");

export function readFixture(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), "utf8");
}

export function listFixtures(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir))
    .filter((name) => /\.ya?ml$/.test(name) && name !== "kustomization.yaml")
    .sort()
    .map((name) => `${dir}/${name}`);
}

/** Edits the documents of a manifest through the yaml Document API (comments kept). */
export function editManifest(text: string, edit: (doc: Document) => void): string {
  return parseAllDocuments(text)
    .map((doc) => {
      edit(doc as Document);
      return doc.toString({ lineWidth: 0 });
    })
    .join("");
}

export const CONTAINER = ["spec", "template", "spec", "containers", 0];

/** A ConfigMap holding a Deployment's first container's env, as a release might ship it. */
export function configMapFrom(deployment: string, name: string): string {
  const doc = parseAllDocuments(deployment)[0]?.toJS() as {
    spec: { template: { spec: { containers: { env?: { name: string; value?: string }[] }[] } } };
  };
  const env = doc.spec.template.spec.containers[0]?.env ?? [];
  const data = Object.fromEntries(env.map((entry) => [entry.name, entry.value ?? ""]));
  return stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data });
}
