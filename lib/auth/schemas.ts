import { z } from "zod";
import type { UserRole } from "../generated/prisma/enums";

/** In order: each role may do everything the roles before it may. */
export const ROLES = [
  "viewer",
  "responder",
  "lead",
  "admin",
] as const satisfies readonly UserRole[];
export type TRole = (typeof ROLES)[number];
export const ZRole = z.enum(ROLES);

/** Who is asking, as the audit log and the timeline name them. */
export type TActor = {
  /** "alice@example.com", "token ci-deploy (bob@example.com)", "cli:root", "anonymous". */
  label: string;
  userId: number | null;
  via: "session" | "token" | "cli" | "system" | "anonymous";
};

/** Built once per request (lib/auth/authenticate-request.ts) and handed to every lib mutation. */
export type TAuthContext = {
  actor: TActor;
  role: TRole;
  ip: string | null;
  userAgent: string | null;
};

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address");

export const ZSignInBody = z.object({
  email: ZEmail,
  password: z.string().min(1).max(1024),
});

export const ZCreateUserBody = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200).optional(),
  role: ZRole,
  password: z.string().min(12, "must be at least 12 characters").max(1024).optional(),
});
export type TCreateUser = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z
  .object({ role: ZRole.optional(), isDisabled: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.isDisabled !== undefined, {
    message: "give role or isDisabled",
  });
export type TUpdateUser = z.infer<typeof ZUpdateUserBody>;

export const ZCreateTokenBody = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(100),
  /** Defaults to the user's own role; never higher. */
  role: ZRole.optional(),
});
export type TCreateToken = z.infer<typeof ZCreateTokenBody>;

export const ZNumericId = z.coerce.number().int().positive().max(2_147_483_647);

/**
 * A path on this site: "/incidents/3", never "//evil.example" or "https://…". Printable ASCII
 * without backslashes only, as browsers drop tabs and newlines ("/\t/evil" becomes "//evil").
 */
export const ZNextPath = z
  .string()
  .max(2000)
  .regex(
    /^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/,
    'must be a path on this site, starting with a single "/"',
  )
  .default("/");
