import Link from "next/link";

export function AdminNav() {
  return (
    <nav className="admin-nav">
      <Link href="/admin/users">Users</Link>
      <Link href="/admin/tokens">API tokens</Link>
      <Link href="/admin/integrations">Integrations</Link>
      <Link href="/admin/audit">Audit log</Link>
    </nav>
  );
}
