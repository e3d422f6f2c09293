import path from "node:path";
import { AppError } from "../../errors";

/**
 * A repository-relative path with forward slashes, or VALIDATION: absolute paths, `..`
 * segments and `.git` would let a write land outside the manifests it was reviewed as.
 */
export function validateWritePath(
  candidate: string,
  { what = "write path", allowEmpty = false }: { what?: string; allowEmpty?: boolean } = {},
): string {
  const refuse = (why: string) => new AppError("VALIDATION", `${what} "${candidate}" ${why}`);
  if (candidate.includes("\0")) throw refuse("contains a NUL byte");
  if (path.posix.isAbsolute(candidate) || path.win32.isAbsolute(candidate)) {
    throw refuse("is absolute");
  }
  const segments = candidate.split(/[\\/]+/).filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) throw refuse("contains '..'");
  if (segments.some((segment) => segment.toLowerCase() === ".git")) throw refuse("enters .git");
  if (segments.length === 0 && !allowEmpty) throw refuse("names no file");
  return segments.join("/");
}
