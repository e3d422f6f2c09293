import { toServiceSlug } from "../../ingest/map-labels";
import { catalogError } from "../catalog-error";
import { type ServiceInput, ZServiceInput, ZServiceMetadata } from "../schemas";
import { toCalmIssueError } from "./describe-calm-issue";
import { type TCalmNode, ZCalmOperationalMetadata } from "./schemas";

const OPERATIONAL_KEYS = Object.keys(ZCalmOperationalMetadata.shape);

/**
 * A node as a service: slug from its unique-id, kind from its node-type, operational fields from
 * its metadata. Metadata keys we do not read are kept on the service as they are.
 */
export function toCalmService(file: string, node: TCalmNode, system: string | null): ServiceInput {
  const entity = `node ${node["unique-id"]}`;
  const slug = toServiceSlug(node["unique-id"]);
  if (!ZServiceInput.shape.slug.safeParse(slug).success) {
    throw catalogError(
      file,
      entity,
      "unique-id",
      `gives "${slug}", which is not a usable service slug`,
    );
  }
  const parsed = ZCalmOperationalMetadata.safeParse(node.metadata);
  if (!parsed.success) throw toCalmIssueError(file, entity, "metadata", parsed.error);
  const operational = parsed.data;
  const kept = Object.fromEntries(
    Object.entries(node.metadata).filter(([key]) => !OPERATIONAL_KEYS.includes(key)),
  );
  const failureModes = operational["failure-modes"]?.map((mode) => ({
    symptom: mode.symptom,
    likelyCause: mode["likely-cause"] ?? null,
    check: mode.check ?? null,
    remediation: mode.remediation ?? null,
    escalation: mode.escalation ?? null,
  }));
  const schedules = operational.schedules?.map((schedule) => ({
    name: schedule.name,
    cron: schedule.cron,
    durationMinutes: schedule["duration-minutes"],
    ...(schedule["time-zone"] ? { timeZone: schedule["time-zone"] } : {}),
  }));
  const metadata = ZServiceMetadata.safeParse({
    ...kept,
    kind: node["node-type"],
    ...(node.description ? { description: node.description } : {}),
    ...(system ? { system } : {}),
    ...(operational.dashboards ? { dashboards: operational.dashboards } : {}),
    ...(failureModes ? { failureModes } : {}),
    ...(schedules ? { schedules } : {}),
  });
  if (!metadata.success) throw toCalmIssueError(file, entity, "metadata", metadata.error);
  return {
    slug,
    name: node.name,
    tier: readTier(file, entity, operational.tier),
    owner: operational.owner ?? null,
    onCall: operational["oncall-slack"] ?? null,
    runbookUrl: operational.runbook ?? null,
    healthEndpoint: operational["health-endpoint"] ?? null,
    metadata: metadata.data,
  };
}

// 1, "1", "tier-1", "Tier 1".
function readTier(file: string, entity: string, tier: number | string | null | undefined) {
  if (tier === null || tier === undefined) return null;
  const match = /^(?:tier[-_ ]?)?([1-4])$/i.exec(String(tier).trim());
  if (!match) {
    throw catalogError(
      file,
      entity,
      "metadata.tier",
      `"${tier}" is not a tier: use 1 to 4 or "tier-1"`,
    );
  }
  return Number(match[1]);
}
