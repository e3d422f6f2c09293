import { createHash } from "node:crypto";
import type { CatalogSnapshot, ServiceInput } from "../schemas";

const ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A stable PagerDuty-looking id ("P" and six characters) for something that has none yet. */
export function toPagerDutyId(seed: string, prefix = "P", length = 7): string {
  const digest = createHash("sha256").update(seed).digest();
  const characters = [...digest.subarray(0, length - prefix.length)];
  return `${prefix}${characters.map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join("")}`;
}

/**
 * Writes a snapshot as PagerDuty's REST responses would give it: GET /services (one page) plus
 * the technical service dependencies. Services are named by slug (slugs come from names),
 * team = owner, escalation policy = on-call. PagerDuty dependencies have no kind or
 * criticality, so only critical sync edges are written.
 */
export function writePagerDutyServices(snapshot: CatalogSnapshot, subdomain: string): string {
  const web = `https://${subdomain}.pagerduty.com`;
  const api = "https://api.pagerduty.com";
  const idOf = (service: ServiceInput) =>
    service.metadata?.pagerdutyServiceId ?? toPagerDutyId(`service:${service.slug}`);
  const ids = new Map(snapshot.services.map((service) => [service.slug, idOf(service)]));
  const reference = (type: string, path: string, id: string, summary: string) => ({
    id,
    type: `${type}_reference`,
    summary,
    self: `${api}/${path}/${id}`,
    html_url: `${web}/${path}/${id}`,
  });
  const services = snapshot.services.map((service) => {
    const id = idOf(service);
    return {
      id,
      type: "service",
      summary: service.slug,
      self: `${api}/services/${id}`,
      html_url: `${web}/service-directory/${id}`,
      name: service.slug,
      description: service.metadata?.description ?? service.name,
      auto_resolve_timeout: 14400,
      acknowledgement_timeout: 1800,
      created_at: "2024-01-15T09:00:00Z",
      status: "active",
      last_incident_timestamp: null,
      alert_creation: "create_alerts_and_incidents",
      incident_urgency_rule: { type: "constant", urgency: service.tier === 1 ? "high" : "low" },
      escalation_policy: service.onCall
        ? reference(
            "escalation_policy",
            "escalation_policies",
            toPagerDutyId(`escalation_policy:${service.onCall}`),
            service.onCall,
          )
        : null,
      teams: service.owner
        ? [reference("team", "teams", toPagerDutyId(`team:${service.owner}`), service.owner)]
        : [],
      integrations: [],
      support_hours: null,
      scheduled_actions: [],
    };
  });
  const relationships = snapshot.dependencies
    .filter((edge) => (edge.kind ?? "sync") === "sync" && edge.criticality !== "optional")
    .map((edge) => {
      const dependent = ids.get(edge.from);
      const supporting = ids.get(edge.to);
      if (!dependent || !supporting) throw new Error(`${edge.from} -> ${edge.to}: unknown service`);
      return {
        id: toPagerDutyId(`dependency:${edge.from}:${edge.to}`, "D", 16),
        type: "service_dependency",
        supporting_service: { id: supporting, type: "service" },
        dependent_service: { id: dependent, type: "service" },
      };
    });
  const page = {
    services,
    limit: services.length,
    offset: 0,
    more: false,
    total: null,
    relationships,
  };
  return `${JSON.stringify(page, null, 2)}\n`;
}
