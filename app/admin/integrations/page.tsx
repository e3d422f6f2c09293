import type { Metadata } from "next";
import { formatTimestamp } from "@/lib/format-time";
import { listIntegrations } from "@/lib/integrations/manage-integrations";
import { INTEGRATION_KINDS } from "@/lib/integrations/schemas";
import { AdminForm } from "../admin-form";
import { AdminNav } from "../admin-nav";
import { requireAdminPage } from "../require-admin-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const context = await requireAdminPage("/admin/integrations");
  const integrations = await listIntegrations(context);
  return (
    <>
      <h1>Integrations</h1>
      <AdminNav />
      <AdminForm
        action="/api/integrations"
        testId="create-integration"
        fields={[
          { name: "kind", label: "kind", options: [...INTEGRATION_KINDS] },
          { name: "name", label: "name (prod-alertmanager)" },
        ]}
        submitLabel="Create integration"
      />
      <table className="list" data-testid="integration-list">
        <thead>
          <tr>
            <th>kind</th>
            <th>name</th>
            <th>secrets in use</th>
            <th>last delivery</th>
            <th>actions</th>
          </tr>
        </thead>
        <tbody>
          {integrations.map((integration) => (
            <tr key={integration.id}>
              <td>{integration.kind}</td>
              <td>{integration.name}</td>
              <td>{integration.activeSecrets}</td>
              <td>
                {integration.lastDeliveryAt ? formatTimestamp(integration.lastDeliveryAt) : "never"}
              </td>
              <td>
                <AdminForm
                  action={`/api/integrations/${integration.id}/rotate`}
                  fields={[
                    { name: "graceHours", label: "old secret works for (hours)", type: "number" },
                  ]}
                  submitLabel="Rotate secret"
                />
                <AdminForm
                  action={`/api/integrations/${integration.id}`}
                  method="PATCH"
                  fixed={{ isEnabled: !integration.isEnabled }}
                  submitLabel={integration.isEnabled ? "Disable" : "Enable"}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
