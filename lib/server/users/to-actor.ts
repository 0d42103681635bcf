import "server-only";
import type { User } from "../../db/prisma";
import type { Actor } from "../actor";

/** The public face of a user row: never the password hash. */
export function toActor(user: Pick<User, "id" | "email" | "name" | "role">): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
