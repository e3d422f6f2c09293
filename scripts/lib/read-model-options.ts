import { ZNumericId } from "../../lib/auth/schemas";
import { readCliValue } from "./read-cli-input";

/** --model: a version id or "latest". */
export function readModelOption(text: string): number | "latest" {
  return text === "latest" ? "latest" : readCliValue(ZNumericId, text, "--model");
}

/** --exclude a,b,c (also given more than once). */
export function readExcludeOption(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(","))
    .map((name) => name.trim())
    .filter(Boolean);
}
