import Link from "next/link";

export default function NotFound() {
  return (
    <section className="reading">
      <h1>Not found</h1>
      <p>This page or article does not exist, or it was deleted.</p>
      <p>
        <Link href="/">Back to the articles</Link>
      </p>
    </section>
  );
}
