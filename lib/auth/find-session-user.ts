import { getPrisma } from "../db";
import { getEnv } from "../env";
import type { TAuthContext, TRole } from "./schemas";
import { type TSession, unsealSession } from "./session-cookie";

/** Who a page is being shown to; `anonymous` only with FAULTLINE_ANONYMOUS_READ=true. */
export type TViewer = {
  id: number | null;
  email: string;
  name: string;
  role: TRole;
  isAnonymous: boolean;
};

/** The session's user while it exists and is enabled; pages and the API both ask this. */
export async function findUserOfSession(
  session: TSession | null,
): Promise<{ id: number; email: string; name: string; role: TRole } | null> {
  if (!session) return null;
  const user = await (await getPrisma()).user.findUnique({ where: { id: session.userId } });
  if (!user || user.isDisabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * The signed-in user behind a session cookie's value (pages read it the same way the API does),
 * the anonymous wallboard viewer when allowed, else null.
 */
export async function findSessionUser(cookieValue: string | undefined): Promise<TViewer | null> {
  const user = await findUserOfSession(await unsealSession(cookieValue).catch(() => null));
  if (user) return { ...user, isAnonymous: false };
  if (getEnv().FAULTLINE_ANONYMOUS_READ) {
    return { id: null, email: "", name: "anonymous", role: "viewer", isAnonymous: true };
  }
  return null;
}

/** A page's viewer as the context lib functions take, so pages read through the same checks. */
export function toViewerContext(viewer: TViewer): TAuthContext {
  return {
    actor: {
      label: viewer.isAnonymous ? "anonymous" : viewer.email,
      userId: viewer.id,
      via: viewer.isAnonymous ? "anonymous" : "session",
    },
    role: viewer.role,
    ip: null,
    userAgent: null,
  };
}
