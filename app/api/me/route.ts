import { withAuth } from "@/lib/api/with-auth";
import { contractJson } from "@/lib/api/contract-json";
import { meResponse } from "@/lib/contracts/me";

/** Who the caller is. */
export const GET = withAuth(async ({ actor }) => contractJson(meResponse, actor));
