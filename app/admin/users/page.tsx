import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UserAdminTable } from "@/components/user-admin-table";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { getDatabase } from "@/lib/server/database/app-database";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor("/admin/users");
  if (actor.role !== "admin") notFound();
  const { prisma } = await getDatabase();
  const users = await listUsers(prisma, actor);
  return (
    <section className="wide">
      <h1>Users</h1>
      <p className="muted">Roles and access. Disabling someone signs them out on their next click.</p>
      <UserAdminTable initialUsers={users} currentUserId={actor.id} />
    </section>
  );
}
