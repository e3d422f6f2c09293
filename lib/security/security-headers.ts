import { createHash } from "node:crypto";
import { MAP_PREVIEW_PAINT_SCRIPT } from "../graph/map-preview-script";

/** What decides a response's security headers; plain data, so proxy.ts and lib/server share it. */
export type SecurityContext = {
  /** Served over TLS, directly or behind a proxy that says so. */
  isHttps: boolean;
  /** `next dev` needs eval for React's debugging; production never does. */
  isDev?: boolean;
};

// HSTS for a year once a browser has seen the app over TLS; never over plain HTTP (it would be
// ignored there, and a misconfigured proxy must not pin a host that has no certificate).
const HSTS = "max-age=31536000; includeSubDomains";

/** Headers every answer carries, pages, API and the production server's webhook path alike. */
export function getBaseSecurityHeaders(context: SecurityContext): Record<string, string> {
  return {
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    ...(context.isHttps ? { "strict-transport-security": HSTS } : {}),
  };
}

// Our own inline scripts, constant, rendered inside client components that have no nonce to give.
const INLINE_SCRIPT_HASHES = [MAP_PREVIEW_PAINT_SCRIPT]
  .map((script) => `'sha256-${createHash("sha256").update(script).digest("base64")}'`)
  .join(" ");

/**
 * The Content-Security-Policy for one response. Scripts run only with this request's nonce (Next
 * stamps it on its own scripts, and 'strict-dynamic' trusts what they load) or a known hash.
 * Inline styles stay allowed: React's `style={…}` attributes and cytoscape's injected sheet.
 */
export function buildContentSecurityPolicy(nonce: string, context: SecurityContext): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${INLINE_SCRIPT_HASHES} 'strict-dynamic'${context.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(context.isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Everything a page or API answer carries: the base headers and the CSP with this nonce. */
export function getSecurityHeaders(
  nonce: string,
  context: SecurityContext,
): Record<string, string> & { "content-security-policy": string } {
  return {
    ...getBaseSecurityHeaders(context),
    "content-security-policy": buildContentSecurityPolicy(nonce, context),
  };
}

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** TLS as the request saw it: an https URL, or the first hop of X-Forwarded-Proto. */
export function isServedOverTls(url: string, forwardedProto: string | null): boolean {
  const firstHop = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  if (firstHop) return firstHop === "https";
  return url.startsWith("https:");
}
