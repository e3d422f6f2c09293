import { z } from "zod";
import { ROLES, type TRole, ZNextPath } from "../schemas";

export type TRoleMapping = { value: string; role: TRole };

/**
 * FAULTLINE_OIDC_ROLE_MAP: "sre-admins=admin,sre=responder", claim value = role, split at the
 * last "=" so a value may contain one. Blank entries are dropped; an unknown role fails at start.
 */
export const ZOidcRoleMap = z
  .string()
  .default("")
  .transform((text) =>
    text
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const at = entry.lastIndexOf("=");
        return { value: entry.slice(0, at).trim(), role: entry.slice(at + 1).trim() };
      }),
  )
  .pipe(
    z.array(
      z.object({
        value: z.string().min(1, 'entries are "claim-value=role"'),
        role: z.enum(ROLES, { message: `roles are ${ROLES.join(", ")}` }),
      }),
    ),
  );

/** What Faultline needs to talk to the identity provider; null settings mean SSO is off. */
export type TOidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  roleMap: TRoleMapping[];
  defaultRole: TRole;
};

export const ZOidcStartQuery = z.object({ next: ZNextPath });

/** Kept in the sealed login cookie between /start and /callback. */
export const ZOidcLoginState = z.object({
  codeVerifier: z.string().min(1),
  state: z.string().min(1),
  nonce: z.string().min(1),
  next: ZNextPath,
});
export type TOidcLoginState = z.infer<typeof ZOidcLoginState>;

/** The claims Faultline reads; the role claim is read separately, as it is configurable. */
export const ZOidcClaims = z.object({
  sub: z.string().min(1),
  email: z.string().optional(),
  // Some providers send "true"/"false" as strings.
  email_verified: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")])
    .optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
});

/** Who the provider says signed in, as Faultline stores it. */
export type TOidcIdentity = {
  /** "<issuer> <sub>": a sub is unique only within its issuer. */
  subject: string;
  email: string;
  name: string;
  role: TRole;
};
