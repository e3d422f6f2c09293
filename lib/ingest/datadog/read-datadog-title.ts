import type { AlertStatus } from "../../generated/prisma/enums";

export type TDatadogTransition = { status: AlertStatus; isWarn: boolean };

export type TDatadogTitle = {
  /** The monitor's name: the title without the status, priority and test prefixes. */
  name: string;
  transition: TDatadogTransition | null;
  /** The group from "[Triggered on {service:a,env:b}]", as written. */
  group: string | null;
  priority: string | null;
  isTest: boolean;
};

const BRACKETED_PREFIX = /^\s*\[([^\]]*)\]/;
const STATUS_PREFIX = /^(.+?)(?:\s+on\s+\{(.*)\})?$/i;
const PRIORITY_PREFIX = /^P[1-5]$/i;

/**
 * Reads Datadog's notification title, e.g. "[P2] [Warn] API errors" or
 * "[Triggered on {host:a}] [TEST] Disk full". Brackets that are none of these stay in the name.
 */
export function readDatadogTitle(title: string): TDatadogTitle {
  const result: TDatadogTitle = {
    name: title.trim(),
    transition: null,
    group: null,
    priority: null,
    isTest: false,
  };
  let rest = title;
  for (let match = BRACKETED_PREFIX.exec(rest); match; match = BRACKETED_PREFIX.exec(rest)) {
    const inner = (match[1] ?? "").trim();
    const status = STATUS_PREFIX.exec(inner);
    const transition = status?.[1] ? classifyDatadogTransition(status[1]) : null;
    if (transition && !result.transition) {
      result.transition = transition;
      result.group = status?.[2]?.trim() || null;
    } else if (PRIORITY_PREFIX.test(inner) && !result.priority) {
      result.priority = inner.toUpperCase();
    } else if (inner.toUpperCase() === "TEST") {
      result.isTest = true;
    } else {
      break;
    }
    rest = rest.slice(match[0].length);
  }
  result.name = rest.trim() || result.name;
  return result;
}

/** Maps $ALERT_TRANSITION ("Triggered", "Re-Triggered", "Warn", "No Data", "Recovered", ...). */
export function classifyDatadogTransition(value: string): TDatadogTransition | null {
  const word = value.trim().toLowerCase();
  if (word.includes("recover") || word.includes("resolved")) {
    return { status: "resolved", isWarn: false };
  }
  if (word.includes("warn")) return { status: "firing", isWarn: true };
  if (/trigger|no data|renotify|alert/.test(word)) return { status: "firing", isWarn: false };
  return null;
}
