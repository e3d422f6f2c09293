import { startCorrelationSweeper } from "./correlate/request-correlation";
import { getDb } from "./db";

const SWEEP_INTERVAL_SECONDS = 5;

/** Opens and migrates the database before the first request, then starts the correlation sweeper. */
export async function startBackgroundWork(): Promise<void> {
  try {
    const db = await getDb();
    console.log(`[faultline] database ready (${db.target.kind})`);
  } catch (error) {
    // Serve anyway: requests answer 503 until the database is reachable, then migrate on first use.
    console.error("[faultline] database not ready at start:", error);
  }
  startCorrelationSweeper(SWEEP_INTERVAL_SECONDS);
}
