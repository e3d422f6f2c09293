import { getCatalogMap } from "@/lib/graph/get-catalog-map";
import { handleErrors, jsonResponse } from "@/lib/http";

// GET /api/services/map — the whole dependency graph, laid out, coloured by live signals.
export const GET = handleErrors(async () => jsonResponse(await getCatalogMap()));
