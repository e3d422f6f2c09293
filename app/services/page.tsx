import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/app/_components/require-viewer";
import { listServices } from "@/lib/catalog/list-services";
import { getCatalogMap } from "@/lib/graph/get-catalog-map";
import { CatalogMap } from "./catalog-map";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Services" };

type PageProps = { searchParams: Promise<{ q?: string }> };

export default async function ServicesPage({ searchParams }: PageProps) {
  const { q } = await searchParams;
  await requireViewer("/services");
  const [services, map] = await Promise.all([listServices(q), getCatalogMap()]);
  return (
    <>
      <h1>Services</h1>
      <form className="search" action="/services">
        <input
          name="q"
          defaultValue={q ?? ""}
          placeholder="Search by name, slug or owner"
          aria-label="Search services"
        />
        <button type="submit">Search</button>
      </form>
      <CatalogMap highlight={q ?? ""} initialData={map} />
      <table className="list" data-testid="service-list">
        <thead>
          <tr>
            <th>Service</th>
            <th>Tier</th>
            <th>Owner</th>
            <th>On call</th>
            <th className="num">Depends on</th>
            <th className="num">Used by</th>
            <th className="num">Firing</th>
          </tr>
        </thead>
        <tbody>
          {services.map((service) => (
            <tr key={service.id} data-testid="service-row">
              <td>
                <Link href={`/services/${service.slug}`}>{service.name}</Link>{" "}
                <span className="mono subtle">{service.slug}</span>
                {service.isUnmapped ? <span className="badge warning">unmapped</span> : null}
              </td>
              <td>{service.tier ?? "—"}</td>
              <td>{service.owner ?? "—"}</td>
              <td>{service.onCall ?? "—"}</td>
              <td className="num">{service.dependencyCount}</td>
              <td className="num">{service.dependentCount}</td>
              <td className="num">{service.firingAlertCount || ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
