import type { TServiceOrigin } from "../ingest/schemas";

/** One sentence for an unmapped service's page: what of which alert made Faultline create it. */
export function describeServiceOrigin(origin: TServiceOrigin): string {
  if ("label" in origin) {
    const labels = origin.label.split("+");
    const named = labels.length > 1 ? `${labels.join(" and ")} labels` : `${origin.label} label`;
    return `Unmapped: created from the ${named} of an alert (${origin.value}).`;
  }
  if ("field" in origin) {
    return `Unmapped: created from the ${origin.field} field of an alert (${origin.value}).`;
  }
  if ("group" in origin) {
    return `Unmapped: created for alerts that name no service, from their sender group ${origin.group}.`;
  }
  return `Unmapped: created for one alert that names no service (fingerprint ${origin.fingerprint}).`;
}
