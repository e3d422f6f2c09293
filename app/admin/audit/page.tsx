import type { Metadata } from "next";
import { listAudit } from "@/lib/audit/list-audit";
import { ZAuditQuery } from "@/lib/audit/schemas";
import { formatTimestamp } from "@/lib/format-time";
import { AdminNav } from "../admin-nav";
import { requireAdminPage } from "../require-admin-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

type PageProps = { searchParams: Promise<Record<string, string | undefined>> };

const FILTERS = [
  { name: "actor", label: "actor contains" },
  { name: "action", label: "action (incident.status)" },
  { name: "objectType", label: "object type (incident)" },
  { name: "objectId", label: "object id" },
  { name: "since", label: "since (2026-12-01T00:00Z)" },
  { name: "until", label: "until" },
] as const;

export default async function AuditPage({ searchParams }: PageProps) {
  const context = await requireAdminPage("/admin/audit");
  const params = await searchParams;
  const filled = Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined && value !== ""),
  );
  const query = ZAuditQuery.safeParse(filled);
  const entries = query.success ? await listAudit(context, query.data) : [];
  return (
    <>
      <h1>Audit log</h1>
      <AdminNav />
      <form className="search" action="/admin/audit" data-testid="audit-filter">
        {FILTERS.map((filter) => (
          <input
            key={filter.name}
            name={filter.name}
            defaultValue={params[filter.name] ?? ""}
            placeholder={filter.label}
            aria-label={filter.label}
          />
        ))}
        <button type="submit">Filter</button>
      </form>
      {query.success ? null : <p className="error">{query.error.issues[0]?.message}</p>}
      <table className="list" data-testid="audit-list">
        <thead>
          <tr>
            <th>when</th>
            <th>who</th>
            <th>action</th>
            <th>object</th>
            <th>from</th>
            <th>before → after</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatTimestamp(entry.at)}</td>
              <td>{entry.actor}</td>
              <td className="mono">{entry.action}</td>
              <td>
                {entry.objectType} {entry.objectId ?? ""}
              </td>
              <td className="subtle">{entry.ip ?? "—"}</td>
              <td className="mono small">
                {entry.before ? JSON.stringify(entry.before) : "—"} →{" "}
                {entry.after ? JSON.stringify(entry.after) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
