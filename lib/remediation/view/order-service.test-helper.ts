import fs from "node:fs";
import path from "node:path";

const DIR = path.join(import.meta.dirname, "../../../examples/ecommerce/k8s/order-service");

/** The example shop's order-service manifests, as a release would ship them. */
export const DEPLOYMENT = fs.readFileSync(path.join(DIR, "deployment.yaml"), "utf8");
export const CONFIG_MAP = fs.readFileSync(path.join(DIR, "configmap.yaml"), "utf8");
