import { getEnv } from "../env";
import { parseJsonBody, readWebhookText } from "../ingest/read-webhook-body";

/**
 * An API request's JSON body: read as a stream that stops at `maxBytes` (413), JSON only (415),
 * then parsed (400). The same reader the webhooks use, so every route refuses the same way.
 */
export async function readJsonBody(
  request: Request,
  options: { maxBytes?: number; emptyAs?: unknown } = {},
): Promise<unknown> {
  const maxBytes = options.maxBytes ?? getEnv().FAULTLINE_API_MAX_BYTES;
  const text = await readWebhookText(request, maxBytes);
  if (options.emptyAs !== undefined && text.trim() === "") return options.emptyAs;
  return parseJsonBody(text);
}
