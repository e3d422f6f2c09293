import { parseArgs } from "node:util";
import { getCliContext } from "../lib/auth/get-cli-context";
import { WEBHOOK_KINDS } from "../lib/ingest/webhook-kinds";
import {
  createIntegration,
  listIntegrations,
  rotateIntegrationSecret,
  setIntegrationEnabled,
} from "../lib/integrations/manage-integrations";
import {
  INTEGRATION_KINDS,
  ZCreateIntegration,
  ZIntegrationId,
  ZRotateSecret,
} from "../lib/integrations/schemas";

export const INTEGRATIONS_HELP = `faultline integrations <list|create|rotate|enable|disable>

  list                                      integrations, without secrets
  create --kind <kind> --name <name> [--secret <s>]
                                            prints the new secret once; kinds: ${INTEGRATION_KINDS.join(", ")}
                                            (pagerduty: pass the signing secret PagerDuty shows you)
  rotate <id> [--secret <s>] [--grace-hours 24]
                                            new secret; the old one keeps working for the grace period
  enable <id> | disable <id>`;

export async function runIntegrationsCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kind: { type: "string" },
      name: { type: "string" },
      secret: { type: "string" },
      "grace-hours": { type: "string" },
    },
  });
  const [action, idArg] = positionals;
  switch (action) {
    case "list": {
      const rows = await listIntegrations(getCliContext());
      if (rows.length === 0) console.log("no integrations yet");
      for (const row of rows) {
        console.log(
          `#${row.id}  ${row.kind.padEnd(16)} ${row.name.padEnd(24)} ${row.isEnabled ? "enabled " : "disabled"}  ` +
            `${row.activeSecrets} secret(s)  last delivery ${row.lastDeliveryAt?.toISOString() ?? "never"}`,
        );
      }
      return;
    }
    case "create": {
      const input = ZCreateIntegration.parse({
        kind: values.kind,
        name: values.name,
        secret: values.secret,
      });
      const created = await createIntegration(getCliContext(), input);
      console.log(`created integration #${created.id} (${input.kind} "${input.name}")`);
      const path =
        input.kind === "signals"
          ? "/api/signals"
          : input.kind === "changes"
            ? "/api/changes"
            : WEBHOOK_KINDS[input.kind].path;
      console.log(`webhook:  ${path}`);
      console.log(`secret:   ${created.secret}`);
      console.log("The secret is shown this once. Store it in your sender's configuration now.");
      return;
    }
    case "rotate": {
      const id = ZIntegrationId.parse(idArg);
      const input = ZRotateSecret.parse({
        secret: values.secret,
        graceHours: values["grace-hours"] === undefined ? undefined : Number(values["grace-hours"]),
      });
      const rotated = await rotateIntegrationSecret(getCliContext(), id, input);
      console.log(`new secret for #${id}: ${rotated.secret}`);
      console.log(`older secrets stop working at ${rotated.oldSecretsExpireAt.toISOString()}`);
      return;
    }
    case "enable":
    case "disable": {
      const id = ZIntegrationId.parse(idArg);
      await setIntegrationEnabled(getCliContext(), id, action === "enable");
      console.log(`integration #${id} ${action}d`);
      return;
    }
    default:
      throw new Error(`unknown integrations action "${action ?? ""}"\n\n${INTEGRATIONS_HELP}`);
  }
}
