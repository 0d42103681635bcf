import { actorSchema } from "./users";

/** `GET /api/me`: who the caller is. */
export const meResponse = actorSchema;
