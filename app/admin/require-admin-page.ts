import { notFound } from "next/navigation";
import { requireViewer } from "@/app/_components/require-viewer";
import { toViewerContext } from "@/lib/auth/find-session-user";
import { hasRole } from "@/lib/auth/require-role";
import type { TAuthContext } from "@/lib/auth/schemas";

/** Admin pages: sign-in first, then the admin role (others get a 404, as for any unknown page). */
export async function requireAdminPage(path: string): Promise<TAuthContext> {
  const viewer = await requireViewer(path);
  if (viewer.isAnonymous || !hasRole(viewer.role, "admin")) notFound();
  return toViewerContext(viewer);
}
