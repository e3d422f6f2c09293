import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse } from "@/lib/http";
import { getCalibrationOverview } from "@/lib/scoring/get-calibration-overview";

// GET /api/models — every model version with its report, the promoted one, and its drift (lead).
export const GET = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: false });
  return jsonResponse(await getCalibrationOverview(auth));
});
