import { AppError } from "../../errors";
import { hasRole } from "../require-role";
import { type TRole, ZEmail } from "../schemas";
import { type TOidcIdentity, type TOidcSettings, type TRoleMapping, ZOidcClaims } from "./schemas";

/**
 * The highest role any of the claim's values maps onto; the default role when none does. The
 * claim may be one string ("sre") or an array of them (["sre", "dba"]); other types count as none.
 */
export function mapClaimToRole(
  claim: unknown,
  roleMap: readonly TRoleMapping[],
  defaultRole: TRole,
): TRole {
  const values = Array.isArray(claim) ? claim : [claim];
  let best: TRole | null = null;
  for (const value of values) {
    if (typeof value !== "string") continue;
    for (const mapping of roleMap) {
      if (mapping.value === value && (best === null || hasRole(mapping.role, best))) {
        best = mapping.role;
      }
    }
  }
  return best ?? defaultRole;
}

/**
 * The identity in a provider's claims (ID token and userinfo merged). An email is required, as
 * users are keyed by it; an email the provider says is unverified is refused, since linking by
 * email would otherwise let anyone claim an existing account.
 */
export function readOidcIdentity(
  claims: Record<string, unknown>,
  settings: Pick<TOidcSettings, "issuer" | "roleClaim" | "roleMap" | "defaultRole">,
): TOidcIdentity {
  const parsed = ZOidcClaims.safeParse(claims);
  if (!parsed.success) {
    throw new AppError("UNAUTHORIZED", "The identity provider's answer has no usable subject.");
  }
  const { sub, email_verified, name, preferred_username } = parsed.data;
  const email = ZEmail.safeParse(parsed.data.email);
  if (!email.success) {
    throw new AppError(
      "FORBIDDEN",
      "The identity provider did not share an email address; Faultline needs one (scope email).",
    );
  }
  if (email_verified === false) {
    throw new AppError(
      "FORBIDDEN",
      `The identity provider has not verified ${email.data}; verify it there, then sign in again.`,
    );
  }
  return {
    subject: `${settings.issuer} ${sub}`,
    email: email.data,
    name: name?.trim() || preferred_username?.trim() || email.data.split("@")[0] || email.data,
    role: mapClaimToRole(claims[settings.roleClaim], settings.roleMap, settings.defaultRole),
  };
}
