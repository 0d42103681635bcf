import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UserAdminTable } from "@/components/user-admin-table";
import { withPageActor } from "@/lib/auth/with-page-actor";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { actor, users } = await withPageActor("/admin/users", async ({ actor, db }) => {
    if (actor.role !== "admin") notFound();
    return { actor, users: await listUsers(db, actor) };
  });
  return (
    <section className="wide">
      <h1>Users</h1>
      <p className="muted">Roles and access. Disabling someone signs them out on their next click.</p>
      <UserAdminTable initialUsers={users} currentUserId={actor.id} />
    </section>
  );
}
