import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IntegrationKind } from "../generated/prisma/enums";
import { hashSecret } from "./hash-secret";

/** What a request presents to prove which integration it comes from. */
export type PresentedCredentials = {
  /** From `Authorization: Bearer …`, or the password of `Authorization: Basic …`. */
  token: string | null;
  /** PagerDuty's `X-PagerDuty-Signature: v1=…,v1=…` (several during secret rotation). */
  pagerdutySignatures: string[];
  /** Grafana's `X-Grafana-Alerting-Signature`, with its optional timestamp header. */
  grafanaSignature: { signature: string; timestamp: string | null } | null;
  /** Our own `X-Faultline-Signature: sha256=<hex>` for senders that can sign. */
  faultlineSignature: string | null;
  /** PagerDuty Events API v2 puts the integration key in the body. */
  routingKey: string | null;
};

export function extractCredentials(
  headers: Headers,
  routingKey: string | null = null,
): PresentedCredentials {
  return {
    token: readToken(headers.get("authorization")),
    pagerdutySignatures: (headers.get("x-pagerduty-signature") ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part.startsWith("v1="))
      .map((part) => part.slice(3)),
    grafanaSignature: headers.get("x-grafana-alerting-signature")
      ? {
          signature: headers.get("x-grafana-alerting-signature") ?? "",
          timestamp: headers.get("x-grafana-alerting-signature-timestamp"),
        }
      : null,
    faultlineSignature: headers.get("x-faultline-signature")?.replace(/^sha256=/, "") ?? null,
    routingKey,
  };
}

function readToken(authorization: string | null): string | null {
  if (!authorization) return null;
  const [scheme, value = ""] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer") return value || null;
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) || null : null;
  }
  return null;
}

/** Which proofs each webhook accepts, as its senders can really send them. */
const ACCEPTED_PROOFS: Record<IntegrationKind, readonly Proof[]> = {
  alertmanager: ["token"],
  grafana: ["token", "grafana"],
  datadog: ["token"],
  generic: ["token", "faultline"],
  pagerduty: ["pagerduty"],
  pagerduty_events: ["routingKey", "token"],
  signals: ["token"],
  changes: ["token"],
};
type Proof = "token" | "pagerduty" | "grafana" | "faultline" | "routingKey";
const SIGNATURE_PROOFS: ReadonlySet<Proof> = new Set(["pagerduty", "grafana", "faultline"]);

/** Kinds that check an HMAC signature need the secret itself (kept encrypted); others its hash. */
export function isSigningKind(kind: IntegrationKind): boolean {
  return ACCEPTED_PROOFS[kind].some((proof) => SIGNATURE_PROOFS.has(proof));
}

/** SHA-256 of each token or routing key presented that this kind accepts, to find its secret by. */
export function hashPresentedTokens(
  kind: IntegrationKind,
  presented: PresentedCredentials,
): string[] {
  const accepted = ACCEPTED_PROOFS[kind];
  const tokens = [
    accepted.includes("token") ? presented.token : null,
    accepted.includes("routingKey") ? presented.routingKey : null,
  ];
  return tokens.filter((token) => token !== null).map(hashSecret);
}

// Signatures over the body, or a key inside it: these can only be checked once it is read.
const BODY_PROOFS: ReadonlySet<Proof> = new Set([
  "pagerduty",
  "grafana",
  "faultline",
  "routingKey",
]);

/**
 * True when the headers alone decide: no proof this kind accepts from the body was presented
 * (a routing key may always be in the body). Then bad credentials are refused unread.
 */
export function isDecidedByHeaders(
  kind: IntegrationKind,
  presented: PresentedCredentials,
): boolean {
  return ACCEPTED_PROOFS[kind].every((proof) => {
    switch (proof) {
      case "token":
        return true;
      case "pagerduty":
        return presented.pagerdutySignatures.length === 0;
      case "grafana":
        return presented.grafanaSignature === null;
      case "faultline":
        return presented.faultlineSignature === null;
      case "routingKey":
        return false;
      default: {
        const unreachable: never = proof;
        throw new Error(`unknown proof ${unreachable}`);
      }
    }
  });
}

/**
 * True when any presented proof matches `secret` for this kind of webhook; constant-time compares.
 * A null body (not read yet) checks the header proofs only.
 */
export function isProvenBySecret(
  kind: IntegrationKind,
  presented: PresentedCredentials,
  body: string | null,
  secret: string,
): boolean {
  let proven = false;
  for (const proof of ACCEPTED_PROOFS[kind]) {
    if (body === null && BODY_PROOFS.has(proof)) continue;
    const rawBody = body ?? "";
    switch (proof) {
      case "token":
        if (presented.token !== null) proven = safeEqual(presented.token, secret) || proven;
        break;
      case "routingKey":
        if (presented.routingKey !== null)
          proven = safeEqual(presented.routingKey, secret) || proven;
        break;
      case "pagerduty": {
        const expected = hmacHex(secret, rawBody);
        for (const signature of presented.pagerdutySignatures)
          proven = safeEqual(signature, expected) || proven;
        break;
      }
      case "grafana":
        if (presented.grafanaSignature) {
          const { signature, timestamp } = presented.grafanaSignature;
          const signed = timestamp ? `${timestamp}:${rawBody}` : rawBody;
          proven = safeEqual(signature, hmacHex(secret, signed)) || proven;
        }
        break;
      case "faultline":
        if (presented.faultlineSignature !== null) {
          proven = safeEqual(presented.faultlineSignature, hmacHex(secret, rawBody)) || proven;
        }
        break;
      default: {
        const unreachable: never = proof;
        throw new Error(`unknown proof ${unreachable}`);
      }
    }
  }
  return proven;
}

export function hmacHex(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("hex");
}

/** Compares digests, so neither the content nor the length of the secret leaks through timing. */
function safeEqual(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
