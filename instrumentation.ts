// Runs once when the server starts: migrate the database, then keep correlating in the background.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./lib/server-start");
  await startBackgroundWork();
}
