import { createHash } from "node:crypto";
import type { AlertSource } from "../generated/prisma/enums";
import { lookUp } from "../json";
import { toServiceSlugOrNull } from "./map-labels";
import type { ServiceRef } from "./schemas";

/** What of an alert decides its service. */
export type AlertToAttribute = {
  source: AlertSource;
  labels: Record<string, string>;
  groupKey: string | null;
  fingerprint: string;
};

/**
 * The service an alert belongs to: the first of `serviceLabels` it carries, else its sender
 * group, else the alert alone. Never a service shared by alerts whose only link is a missing label.
 */
export function findAlertService(
  alert: AlertToAttribute,
  serviceLabels: readonly string[],
): ServiceRef {
  return findServiceInLabels(alert.labels, serviceLabels) ?? toUnlabelledService(alert);
}

/** The first of `serviceLabels` that names a service; "a+b" needs both, named "<a>/<b>". */
export function findServiceInLabels(
  labels: Record<string, string>,
  serviceLabels: readonly string[],
): ServiceRef | null {
  for (const label of serviceLabels) {
    const value = readLabels(labels, label);
    if (!value) continue;
    const name = label === "instance" ? stripPort(value) : value;
    const slug = toServiceSlugOrNull(name);
    if (slug) return { slug, name, origin: { label, value } };
  }
  return null;
}

function readLabels(labels: Record<string, string>, label: string): string | null {
  const values = label.split("+").map((part) => lookUp(labels, part)?.trim());
  return values.every(Boolean) ? values.join("/") : null;
}

/** Prometheus' instance is host:port; the port names a process, not the host. */
export function stripPort(instance: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(instance);
  if (bracketed?.[1]) return bracketed[1];
  const hostAndPort = /^([^:]+):\d+$/.exec(instance);
  // Several colons without brackets: a bare IPv6 address, which has no port to strip.
  return hostAndPort?.[1] ?? instance;
}

/** For an alert that names no service: its sender group's own service, else the alert's own. */
export function toUnlabelledService({
  source,
  groupKey,
  fingerprint,
}: Omit<AlertToAttribute, "labels">): ServiceRef {
  if (groupKey) {
    return {
      slug: `group-${hashOf(source, groupKey)}`,
      name: `unlabelled alerts of group ${groupKey}`,
      origin: { group: groupKey },
    };
  }
  return {
    slug: `alert-${hashOf(source, fingerprint)}`,
    name: `unlabelled alert ${fingerprint}`,
    origin: { fingerprint },
  };
}

function hashOf(source: AlertSource, key: string): string {
  return createHash("sha256").update(`${source}\u0000${key}`).digest("hex").slice(0, 8);
}
