import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";
import { AppError } from "../errors";

/** Admin API calls carry `Authorization: Bearer $FAULTLINE_ADMIN_TOKEN`. */
export function requireAdmin(headers: Headers): void {
  const expected = getEnv().FAULTLINE_ADMIN_TOKEN;
  if (!expected) {
    throw new AppError(
      "FORBIDDEN",
      "The admin API is off: set FAULTLINE_ADMIN_TOKEN, or use `npx faultline`.",
    );
  }
  const presented = headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  if (!timingSafeEqual(digest(presented), digest(expected))) {
    throw new AppError("UNAUTHORIZED", "Missing or invalid credentials.");
  }
}
