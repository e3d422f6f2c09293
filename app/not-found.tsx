import Link from "next/link";

export default function NotFound() {
  return (
    <div className="panel empty">
      <h1>Not found</h1>
      <p>
        There is nothing here. <Link href="/incidents">Back to incidents</Link>
      </p>
    </div>
  );
}
