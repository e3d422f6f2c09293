import { parseJsonBody, readWebhookText } from "../ingest/read-webhook-body";

// Sign-in, users and tokens are small; anything bigger is not one of them.
const MAX_BYTES = 64 * 1024;

/** A small JSON body, capped while it is read: 413 past the cap, 400 when not JSON. */
export async function readSmallJsonBody(request: Request): Promise<unknown> {
  const text = await readWebhookText(request, MAX_BYTES);
  return text.trim() === "" ? {} : parseJsonBody(text);
}
