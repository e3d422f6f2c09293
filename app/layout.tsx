import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import { findViewer } from "./_components/require-viewer";
import { SignOutButton } from "./_components/sign-out-button";
import { Providers } from "./providers";

// Rendered per request, so every page carries this response's CSP nonce (see proxy.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  icons: { icon: "/favicon.svg" },
  title: { default: "Faultline", template: "%s · Faultline" },
  description: "Incident response: correlated alerts, blast radius, root-cause hypotheses.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await findViewer();
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/incidents" className="brand">
            Faultline
          </Link>
          <nav>
            <Link href="/incidents">Incidents</Link>
            <Link href="/services">Services</Link>
            {viewer?.role === "lead" || viewer?.role === "admin" ? (
              <Link href="/calibration">Calibration</Link>
            ) : null}
            {viewer?.role === "admin" ? <Link href="/admin/users">Admin</Link> : null}
          </nav>
          {viewer ? (
            <span className="whoami" data-testid="whoami">
              {viewer.isAnonymous ? "read-only" : `${viewer.email} · ${viewer.role}`}
              {viewer.isAnonymous ? null : <SignOutButton />}
            </span>
          ) : null}
        </header>
        <main>
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
