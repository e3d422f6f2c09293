import { z } from "zod";
import { ZTimestampDate } from "../ingest/timestamps";

export const CHANGE_KINDS = ["deploy", "config", "flag"] as const;

/** Largest file a change may carry, and most files per change: a release bundle fits easily. */
export const MAX_CHANGE_FILE_BYTES = 512 * 1024;
export const MAX_CHANGE_FILES = 200;

/** POST /api/changes and `faultline change record`: one deploy, config change or flag flip. */
export const ZChangeBody = z.object({
  service: z.string().trim().min(1).max(200),
  kind: z.enum(CHANGE_KINDS),
  version: z.string().trim().min(1).max(200),
  author: z.string().trim().min(1).max(200).optional(),
  at: ZTimestampDate.optional(),
  description: z.string().max(4_000).optional(),
  files: z
    .array(
      z.object({
        path: z
          .string()
          .trim()
          .min(1)
          .max(500)
          .refine((path) => !path.split("/").includes(".."), "must not contain '..'")
          .refine((path) => !path.startsWith("/"), "must be relative"),
        content: z
          .string()
          .refine(
            (content) => Buffer.byteLength(content) <= MAX_CHANGE_FILE_BYTES,
            `must be at most ${MAX_CHANGE_FILE_BYTES} bytes`,
          ),
      }),
    )
    .max(MAX_CHANGE_FILES)
    .default([])
    .refine(
      (files) => new Set(files.map((file) => file.path)).size === files.length,
      "each path may appear once",
    ),
});
export type TChangeBody = z.infer<typeof ZChangeBody>;

export const ZChangeListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type TChangeSummary = {
  id: number;
  service: string;
  kind: string;
  version: string | null;
  summary: string;
  author: string | null;
  description: string | null;
  source: string;
  at: string;
  files: { path: string; sha256: string; sizeBytes: number }[];
};
