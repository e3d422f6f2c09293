import { randomBytes } from "node:crypto";
import { getCliContext } from "../../lib/auth/get-cli-context";
import type { IntegrationKind } from "../../lib/generated/prisma/enums";
import { createIntegration } from "../../lib/integrations/manage-integrations";
import { hmacHex } from "../../lib/integrations/verify-credentials";

/** A new integration with a known secret; the name is unique so tests can make several. */
export async function createTestIntegration(
  kind: IntegrationKind,
): Promise<{ id: number; secret: string }> {
  const secret = `test-${kind}-${randomBytes(12).toString("hex")}`;
  return createIntegration(getCliContext(), {
    kind,
    name: `test-${randomBytes(4).toString("hex")}`,
    secret,
  });
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

export const pagerdutySignature = (secret: string, body: string) => ({
  "x-pagerduty-signature": `v1=${hmacHex(secret, body)}`,
});
