import { checkDatabaseHealth } from "@/lib/health";
import { handleErrors, jsonResponse } from "@/lib/http";

// GET /api/health — 200 when the database answers, 503 otherwise.
export const GET = handleErrors(async () => {
  return jsonResponse(await checkDatabaseHealth());
});
