import { z } from "zod";

export const ZAuditQuery = z.object({
  actor: z.string().trim().min(1).max(320).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  objectType: z.string().trim().min(1).max(100).optional(),
  objectId: z.string().trim().min(1).max(200).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Entries older than this id (paging backwards, newest first). */
  before: z.coerce.number().int().positive().optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export type TAuditRow = {
  id: number;
  at: Date;
  actor: string;
  action: string;
  objectType: string;
  objectId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
};
