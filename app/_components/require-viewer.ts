import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { findSessionUser, type TViewer } from "@/lib/auth/find-session-user";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";

/** The page's viewer; anyone not signed in goes to /login and comes back to `path` after. */
export async function requireViewer(path: string): Promise<TViewer> {
  const viewer = await findSessionUser((await cookies()).get(SESSION_COOKIE)?.value);
  if (!viewer) redirect(`/login?next=${encodeURIComponent(path)}`);
  return viewer;
}

/** The viewer if any, for the layout's header; never redirects. */
export async function findViewer(): Promise<TViewer | null> {
  return findSessionUser((await cookies()).get(SESSION_COOKIE)?.value);
}
