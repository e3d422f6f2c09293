import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";

// Rendered per request, so every page carries this response's CSP nonce (see proxy.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  icons: { icon: "/favicon.svg" },
  title: { default: "Faultline", template: "%s · Faultline" },
  description: "Incident response: correlated alerts, blast radius, root-cause hypotheses.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
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
          </nav>
        </header>
        <main>
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
