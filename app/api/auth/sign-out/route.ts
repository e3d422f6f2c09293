import { isSecureRequest, serializeClearedSessionCookie } from "@/lib/auth/session-cookie";
import { handleErrors, jsonResponse } from "@/lib/http";

// POST /api/auth/sign-out — clears the session cookie.
export const POST = handleErrors(async (request: Request) =>
  jsonResponse({ isSignedOut: true }, 200, {
    "set-cookie": serializeClearedSessionCookie(isSecureRequest(request.url, request.headers)),
  }),
);
