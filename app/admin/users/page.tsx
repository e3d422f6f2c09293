import type { Metadata } from "next";
import { listUsers } from "@/lib/auth/manage-users";
import { ROLES } from "@/lib/auth/schemas";
import { formatTimestamp } from "@/lib/format-time";
import { AdminForm } from "../admin-form";
import { AdminNav } from "../admin-nav";
import { requireAdminPage } from "../require-admin-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const context = await requireAdminPage("/admin/users");
  const users = await listUsers(context);
  return (
    <>
      <h1>Users</h1>
      <AdminNav />
      <AdminForm
        action="/api/users"
        testId="create-user"
        fields={[
          { name: "email", label: "email", type: "email" },
          { name: "name", label: "name" },
          { name: "role", label: "role", options: [...ROLES] },
        ]}
        submitLabel="Create user (a password is generated)"
      />
      <table className="list" data-testid="user-list">
        <thead>
          <tr>
            <th>email</th>
            <th>role</th>
            <th>state</th>
            <th>last sign-in</th>
            <th>change</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.email}</td>
              <td>{user.role}</td>
              <td>{user.isDisabled ? "disabled" : user.isLocked ? "locked" : "active"}</td>
              <td>{user.lastSignInAt ? formatTimestamp(user.lastSignInAt) : "never"}</td>
              <td>
                <AdminForm
                  action={`/api/users/${user.id}`}
                  method="PATCH"
                  fields={[{ name: "role", label: "role", options: [...ROLES] }]}
                  submitLabel="Set role"
                />
                <AdminForm
                  action={`/api/users/${user.id}`}
                  method="PATCH"
                  fixed={{ isDisabled: !(user.isDisabled || user.isLocked) }}
                  submitLabel={user.isDisabled || user.isLocked ? "Enable / unlock" : "Disable"}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
