import { z } from "zod";

/** FAULTLINE_SERVICE_LABELS by default: the common conventions, the most specific first. */
export const DEFAULT_SERVICE_LABELS: readonly string[] = [
  "service",
  "job",
  "app",
  "app.kubernetes.io/name",
  "app_kubernetes_io_name",
  "container",
  "deployment",
  "host",
  "hostname",
  "instance",
  "grafana_folder+alertname",
];

// A label name (Kubernetes style allowed: "app.kubernetes.io/name"), or several joined by "+".
const LABEL_TOKEN = /^[A-Za-z0-9_./-]+(\+[A-Za-z0-9_./-]+)*$/;

/**
 * The label precedence as written in the environment: names separated by commas, blanks and
 * repeats dropped. "a+b" means both labels, their values joined with "/".
 */
export const ZServiceLabels = z
  .string()
  .default(DEFAULT_SERVICE_LABELS.join(","))
  .transform((text) => [
    ...new Set(
      text
        .split(",")
        .map((token) => token.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().regex(LABEL_TOKEN, 'label names, or names joined by "+"'))
      .min(1, "must name at least one label"),
  );
