import { parseOrThrow } from "../../http";
import type { WebhookBody } from "../read-webhook-body";
import { type StoredDelivery, storeDelivery } from "../store-delivery";
import { normalizeAlertmanager } from "./normalize-alertmanager";
import { ZAlertmanagerWebhook } from "./schemas";

/** Validates an Alertmanager delivery and stores it with its alerts; returns once it is durable. */
export async function ingestAlertmanager(
  body: WebhookBody,
  headers: Record<string, string>,
  receivedAt = new Date(),
): Promise<StoredDelivery> {
  const payload = parseOrThrow(ZAlertmanagerWebhook, body.json);
  const alerts = normalizeAlertmanager(payload);
  return storeDelivery({ source: "alertmanager", rawBody: body.text, headers, receivedAt }, alerts);
}
