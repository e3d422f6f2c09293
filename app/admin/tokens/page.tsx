import type { Metadata } from "next";
import { listTokens } from "@/lib/auth/manage-tokens";
import { ROLES } from "@/lib/auth/schemas";
import { formatTimestamp } from "@/lib/format-time";
import { AdminForm } from "../admin-form";
import { AdminNav } from "../admin-nav";
import { requireAdminPage } from "../require-admin-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const context = await requireAdminPage("/admin/tokens");
  const tokens = await listTokens(context);
  return (
    <>
      <h1>API tokens</h1>
      <AdminNav />
      <AdminForm
        action="/api/tokens"
        testId="create-token"
        fields={[
          { name: "email", label: "user's email", type: "email" },
          { name: "name", label: "token name (ci-deploy)" },
          { name: "role", label: "role", options: [...ROLES] },
        ]}
        submitLabel="Create token"
      />
      <table className="list" data-testid="token-list">
        <thead>
          <tr>
            <th>name</th>
            <th>user</th>
            <th>role</th>
            <th>starts with</th>
            <th>last used</th>
            <th>state</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{token.userEmail}</td>
              <td>{token.role}</td>
              <td className="mono">{token.prefix}…</td>
              <td>{token.lastUsedAt ? formatTimestamp(token.lastUsedAt) : "never"}</td>
              <td>
                {token.revokedAt ? (
                  `revoked ${formatTimestamp(token.revokedAt)}`
                ) : (
                  <AdminForm action={`/api/tokens/${token.id}/revoke`} submitLabel="Revoke" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
