import "server-only";
import type { Actor } from "../actor";
import { AppError } from "../errors";

interface Owned {
  createdById: string;
  status: string;
}

/**
 * Editors change only their own annotations, and only while pending; reviewers and admins may
 * change any. An editor may also edit their own orphaned annotation, so that they can re-attach it
 * to text (it goes back to pending review then). The UI hides what this refuses, but this is the
 * rule every path goes through.
 */
export function assertCanModify(actor: Actor, annotation: Owned, verb: "edit" | "delete" | "link"): void {
  if (actor.role === "reviewer" || actor.role === "admin") return;
  if (annotation.createdById !== actor.id) {
    throw new AppError("forbidden", `Editors can only ${verb} annotations they created`);
  }
  if (annotation.status === "orphaned" && verb === "edit") return;
  if (annotation.status !== "pending") {
    throw new AppError("forbidden", `This annotation was already ${annotation.status}; only a reviewer can ${verb} it now`);
  }
}
