import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { findViewer } from "@/app/_components/require-viewer";
import { isOidcEnabled } from "@/lib/auth/oidc/is-oidc-enabled";
import { ZNextPath } from "@/lib/auth/schemas";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type PageProps = { searchParams: Promise<{ next?: string }> };

/** Only a path on this site (the same rule single sign-on applies): never an open redirect. */
function toSafeNext(next: string | undefined): string {
  const parsed = ZNextPath.safeParse(next ?? "/incidents");
  return parsed.success ? parsed.data : "/incidents";
}

export default async function LoginPage({ searchParams }: PageProps) {
  const next = toSafeNext((await searchParams).next);
  const viewer = await findViewer();
  if (viewer && !viewer.isAnonymous) redirect(next);
  const isSsoEnabled = isOidcEnabled();
  return (
    <section className="login">
      <h1>Sign in to Faultline</h1>
      <SignInForm next={next} />
      {isSsoEnabled ? (
        <p>
          <a className="button" href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}>
            Sign in with single sign-on
          </a>
        </p>
      ) : null}
    </section>
  );
}
