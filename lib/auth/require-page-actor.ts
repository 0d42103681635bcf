import { redirect } from "next/navigation";
import type { Actor } from "../server/actor";
import { sessionUser } from "./session-actor";

/** For pages: the signed-in, enabled user, or a redirect to the sign-in page saying why. */
export async function requirePageActor(returnTo: string): Promise<Actor> {
  const lookup = await sessionUser();
  const back = `callbackUrl=${encodeURIComponent(returnTo)}`;
  if (!lookup) redirect(`/signin?${back}`);
  if ("refused" in lookup) redirect(`/signin?error=${lookup.refused === "disabled" ? "AccountDisabled" : "SessionExpired"}&${back}`);
  return lookup.actor;
}
