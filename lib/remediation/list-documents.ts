import { readDocuments } from "./read-documents";
import type { TDocumentRef } from "./schemas";

/** The Kubernetes documents a file holds (none for plain config or unparsable files). */
export function listDocuments(path: string, content: string): TDocumentRef[] {
  const parsed = readDocuments(path, content);
  if (parsed.format === "text") return [];
  return parsed.documents.flatMap((doc) => (doc.ref ? [doc.ref] : []));
}
