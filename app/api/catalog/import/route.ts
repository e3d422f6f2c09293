import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { importCatalog } from "@/lib/catalog/import-catalog";
import { ZCatalogImportRequest } from "@/lib/catalog/schemas";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";

// A whole catalog export: larger than the other routes allow.
const MAX_BYTES = 20 * 1024 * 1024;

// POST /api/catalog/import — {format, source?, files: [{name, text}]} (lead).
export const POST = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: true });
  const body = parseOrThrow(
    ZCatalogImportRequest,
    await readJsonBody(request, { maxBytes: MAX_BYTES }),
  );
  const result = await importCatalog(
    auth,
    body.format,
    body.files,
    body.source ?? `${body.format}:api`,
  );
  return jsonResponse(result);
});
