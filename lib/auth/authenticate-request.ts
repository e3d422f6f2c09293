import { getPrisma } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { hashSecret } from "../integrations/hash-secret";
import { findUserOfSession } from "./find-session-user";
import { readClientIp } from "./read-client-ip";
import { hasRole } from "./require-role";
import type { TAuthContext, TRole } from "./schemas";
import { readCookie, SESSION_COOKIE, unsealSession } from "./session-cookie";

type TAuthOptions = { isMutation: boolean };

// Writing last_used_at on every call would turn every read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Who is asking: an API token (Authorization: Bearer flt_…), else the session cookie, else
 * nobody. Cookie-authenticated mutations must also prove they are not cross-site (see
 * assertSameOrigin). Reads without credentials pass only with FAULTLINE_ANONYMOUS_READ=true.
 */
export async function authenticateRequest(
  request: Request,
  options: TAuthOptions,
): Promise<TAuthContext> {
  const ip = readClientIp(request.headers);
  const userAgent = request.headers.get("user-agent")?.slice(0, 500) ?? null;
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const token = authorization.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!token) throw new AppError("UNAUTHORIZED", "Missing or invalid credentials.");
    return { ...(await authenticateToken(token)), ip, userAgent };
  }
  const session = await unsealSession(readCookie(request.headers.get("cookie"), SESSION_COOKIE));
  const user = await findUserOfSession(session);
  if (user) {
    if (options.isMutation) assertSameOrigin(request);
    return {
      actor: { label: user.email, userId: user.id, via: "session" },
      role: user.role,
      ip,
      userAgent,
    };
  }
  if (!options.isMutation && getEnv().FAULTLINE_ANONYMOUS_READ) {
    return {
      actor: { label: "anonymous", userId: null, via: "anonymous" },
      role: "viewer",
      ip,
      userAgent,
    };
  }
  throw new AppError("UNAUTHORIZED", "Sign in, or send an API token: Authorization: Bearer flt_….");
}

async function authenticateToken(token: string): Promise<Omit<TAuthContext, "ip" | "userAgent">> {
  const prisma = await getPrisma();
  const found = await prisma.apiToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { user: true },
  });
  if (!found || found.revokedAt || found.user.isDisabled) {
    throw new AppError("UNAUTHORIZED", "Missing or invalid credentials.");
  }
  const now = Date.now();
  if (!found.lastUsedAt || now - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date(now) } });
  }
  // A token never outranks its user, even after the user was demoted.
  const role: TRole = hasRole(found.user.role, found.role) ? found.role : found.user.role;
  return {
    actor: {
      label: `token ${found.name} (${found.user.email})`,
      userId: found.user.id,
      via: "token",
    },
    role,
  };
}

/**
 * CSRF defence for cookie-authenticated writes, on top of SameSite=Lax: the browser's Origin
 * (or Sec-Fetch-Site) must say same-origin, and the body must be JSON, which no cross-site
 * form or "simple" request can send without a preflight.
 */
export function assertSameOrigin(request: Request): void {
  const contentType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new AppError("FORBIDDEN", "Cross-site request refused.");
  }
  const origin = request.headers.get("origin");
  if (!origin || !listAllowedOrigins(request).includes(origin)) {
    throw new AppError("FORBIDDEN", "Cross-site request refused: its Origin is not this site's.");
  }
}

function listAllowedOrigins(request: Request): string[] {
  const origins = [new URL(request.url).origin];
  const host = request.headers.get("host");
  if (host) origins.push(`http://${host}`, `https://${host}`);
  const publicUrl = getEnv().FAULTLINE_PUBLIC_URL;
  if (publicUrl) origins.push(new URL(publicUrl).origin);
  return origins;
}
