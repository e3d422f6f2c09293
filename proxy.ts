import { type NextRequest, NextResponse } from "next/server";
import { createNonce, getSecurityHeaders, isServedOverTls } from "@/lib/security/security-headers";

// Runs before every request Next answers (pages, API, static files). The CSP goes on the request
// too: Next reads its nonce from there and stamps it on the scripts it renders.
export function proxy(request: NextRequest): NextResponse {
  const headers = getSecurityHeaders(createNonce(), {
    isHttps: isServedOverTls(request.url, request.headers.get("x-forwarded-proto")),
    isDev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
