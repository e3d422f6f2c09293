import { parseAllDocuments } from "yaml";

/** Why a file named as YAML or JSON will be diffed as plain text, or null when it parses. */
export function describeUnparsableFile(path: string, content: string): string | null {
  const lower = path.toLowerCase();
  if (lower.endsWith(".json")) {
    try {
      JSON.parse(content);
      return null;
    } catch {
      return `${path} is not valid JSON: it is stored, and diffed as plain text`;
    }
  }
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
    const failed = parseAllDocuments(content).some((doc) => "errors" in doc && doc.errors.length);
    return failed ? `${path} is not valid YAML: it is stored, and diffed as plain text` : null;
  }
  return null;
}
