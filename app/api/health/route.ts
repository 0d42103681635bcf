import { toErrorResponse } from "@/lib/api/error-response";
import { contractJson } from "@/lib/api/contract-json";
import { healthResponse } from "@/lib/contracts/health";
import { checkDatabase } from "@/lib/server/database/check-database";

export const dynamic = "force-dynamic";

/** Liveness and which database is behind the app; public, for load balancers. */
export async function GET() {
  try {
    const kind = await checkDatabase();
    // Never cached; and not gzipped: compressing a 40-byte answer costs more than it saves.
    return contractJson(healthResponse, { status: "ok", database: kind }, { headers: { "cache-control": "no-store, no-transform" } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
