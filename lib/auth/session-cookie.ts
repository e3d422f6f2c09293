import { hkdfSync } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { z } from "zod";
import { getEnv } from "../env";
import { AppError } from "../errors";

export const SESSION_COOKIE = "faultline_session";

const ZSession = z.object({ userId: z.number().int().positive(), signedInAt: z.number() });
export type TSession = z.infer<typeof ZSession>;

// iron-session seals (encrypts and signs) the cookie; its password is derived from the one
// secret key, so operators keep a single secret, with one derived key per purpose.
function getSessionPassword(purpose = "faultline session cookie"): string {
  const key = getEnv().FAULTLINE_SECRET_KEY;
  if (!key) {
    throw new AppError(
      "UNAVAILABLE",
      "Sign-in is off: set FAULTLINE_SECRET_KEY (32 random bytes, hex or base64).",
    );
  }
  return Buffer.from(hkdfSync("sha256", key.bytes, "", purpose, 32)).toString("hex");
}

/** Seals a small value (for a short-lived cookie) with a key derived for `purpose` alone. */
export async function sealValue(value: unknown, purpose: string, ttlSeconds: number) {
  return sealData(value, {
    password: getSessionPassword(purpose),
    ttl: ttlSeconds,
  });
}

/** What sealValue sealed for the same purpose; null when missing, forged, or expired. */
export async function unsealValue(
  sealed: string | null,
  purpose: string,
  ttlSeconds: number,
): Promise<unknown> {
  if (!sealed) return null;
  try {
    const data = await unsealData<Record<string, unknown>>(sealed, {
      password: getSessionPassword(purpose),
      ttl: ttlSeconds,
    });
    return Object.keys(data).length > 0 ? data : null;
  } catch {
    return null;
  }
}

export async function sealSession(session: TSession): Promise<string> {
  return sealData(session, {
    password: getSessionPassword(),
    ttl: getEnv().FAULTLINE_SESSION_HOURS * 3600,
  });
}

/** The session in a cookie value, or null when it is missing, forged, or expired. */
export async function unsealSession(value: string | undefined | null): Promise<TSession | null> {
  if (!value) return null;
  try {
    const data = await unsealData(value, {
      password: getSessionPassword(),
      ttl: getEnv().FAULTLINE_SESSION_HOURS * 3600,
    });
    return ZSession.safeParse(data).data ?? null;
  } catch {
    return null;
  }
}

/**
 * HttpOnly so scripts cannot read it; SameSite=Lax so a PagerDuty link still arrives signed in
 * while cross-site posts carry no cookie; Secure whenever Faultline is reached over TLS.
 */
export function serializeSessionCookie(value: string, isSecure: boolean, maxAgeSeconds?: number) {
  return serializeCookie(SESSION_COOKIE, value, {
    path: "/",
    maxAgeSeconds: maxAgeSeconds ?? getEnv().FAULTLINE_SESSION_HOURS * 3600,
    isSecure,
  });
}

/** An HttpOnly, SameSite=Lax cookie; Max-Age=0 clears it. */
export function serializeCookie(
  name: string,
  value: string,
  options: { path: string; maxAgeSeconds: number; isSecure: boolean },
): string {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path}`,
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.isSecure) parts.push("Secure");
  return parts.join("; ");
}

export function serializeClearedSessionCookie(isSecure: boolean): string {
  return serializeSessionCookie("", isSecure, 0);
}

export function readCookie(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

/** Over TLS directly, behind a TLS-terminating proxy, or at an https public URL. */
export function isSecureRequest(url: string, headers: Headers): boolean {
  return (
    url.startsWith("https:") ||
    headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ||
    (getEnv().FAULTLINE_PUBLIC_URL?.startsWith("https:") ?? false)
  );
}
