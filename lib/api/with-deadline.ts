import { AppError } from "../errors";

/**
 * The work's result, or 503 UNAVAILABLE with Retry-After once `timeoutMs` has passed. The work is
 * not cancelled (a database write cannot be, safely); the caller just stops waiting for it.
 */
export async function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  retryAfterSeconds = 5,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError(
            "UNAVAILABLE",
            `The request took longer than ${timeoutMs} ms; retry later.`,
            {
              retryAfterSeconds,
            },
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
