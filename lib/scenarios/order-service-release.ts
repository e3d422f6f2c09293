import fs from "node:fs";
import path from "node:path";

export type TReleaseFile = { path: string; content: string };

const RELEASE_DIR = "examples/ecommerce/k8s/order-service";
const FILES = ["deployment.yaml", "service.yaml", "configmap.yaml"];

/**
 * The demo storm's cause as files: v41 as committed in examples/, and v42, which bumps the image,
 * cuts the readiness-probe timeout below the ~8 s start-up, and shortens a ConfigMap timeout.
 */
export function buildOrderServiceRelease(
  version: "v41" | "v42",
  root = process.cwd(),
): TReleaseFile[] {
  return FILES.map((name) => {
    const content = fs.readFileSync(path.join(root, RELEASE_DIR, name), "utf8");
    return {
      path: `k8s/order-service/${name}`,
      content: version === "v41" ? content : toV42(name, content),
    };
  });
}

function toV42(name: string, content: string): string {
  const edits: Record<string, [string, string][]> = {
    "deployment.yaml": [
      ["order-service:v41", "order-service:v42"],
      ["timeoutSeconds: 10", "timeoutSeconds: 2"],
    ],
    "configmap.yaml": [['PAYMENT_TIMEOUT_MS: "3000"', 'PAYMENT_TIMEOUT_MS: "800"']],
  };
  return (edits[name] ?? []).reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`${name} no longer contains ${from}`);
    return text.replace(from, to);
  }, content);
}
