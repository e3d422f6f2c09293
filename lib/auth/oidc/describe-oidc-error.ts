import * as client from "openid-client";
import { AppError } from "../../errors";

/**
 * What went wrong between the browser, the provider and Faultline, as a 4xx the person can act
 * on (or a 503 when the provider is unreachable); never a 500 for the provider's answers.
 */
export function describeOidcError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return new AppError(
      "UNAUTHORIZED",
      `The identity provider refused the sign-in (${error.error}${error.error_description ? `: ${error.error_description}` : ""}).`,
      { cause: error },
    );
  }
  if (error instanceof client.ResponseBodyError) {
    return new AppError(
      "UNAUTHORIZED",
      `The identity provider refused to exchange the code (${error.error}); sign in again.`,
      { cause: error },
    );
  }
  if (error instanceof client.ClientError) {
    // The cause says which check: 'unexpected "state" response parameter value', say.
    const check = error.cause instanceof Error ? error.cause.message : error.message;
    return new AppError(
      "BAD_REQUEST",
      `The identity provider's answer failed a check (${check}); sign in again.`,
      { cause: error },
    );
  }
  if (error instanceof TypeError && error.message === "fetch failed") {
    return new AppError("UNAVAILABLE", "The identity provider could not be reached; retry.", {
      retryAfterSeconds: 30,
      cause: error,
    });
  }
  if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_")) {
    return new AppError("BAD_REQUEST", `The sign-in answer is malformed (${error.message}).`, {
      cause: error,
    });
  }
  return new AppError("INTERNAL", "Single sign-on failed on our side; it has been logged.", {
    cause: error,
  });
}
