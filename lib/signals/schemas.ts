import { z } from "zod";
import { ZTimestampDate } from "../ingest/timestamps";

export const SIGNAL_METRICS = ["error_rate", "latency_p99_ms", "health"] as const;

/** POST /api/signals: samples anything can push (a probe, a cron job, a metrics bridge). */
export const ZSignalPush = z.object({
  samples: z
    .array(
      z.object({
        service: z.string().trim().min(1),
        metric: z.enum(SIGNAL_METRICS),
        /** error_rate as a fraction (0.05 = 5%), latency in ms, health 1 = passing, 0 = failing. */
        value: z.number().finite(),
        /** Above this the sample counts as elevated; default from the service's metadata, else built in. */
        threshold: z.number().finite().optional(),
        at: ZTimestampDate.optional(),
      }),
    )
    .min(1)
    .max(1_000),
});
export type TSignalPush = z.infer<typeof ZSignalPush>;

/** Built-in thresholds when neither the sample nor the service's metadata gives one. */
export const DEFAULT_THRESHOLDS = { errorRate: 0.01, latencyP99Ms: 1_000 } as const;

/** Samples older than this no longer colour the map. */
export const SIGNAL_FRESHNESS_MINUTES = 10;
