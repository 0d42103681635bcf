import { DATABASE_RETRY_AFTER_SECONDS, toErrorResponse } from "@/lib/api/error-response";
import { contractJson } from "@/lib/api/contract-json";
import { degradedHealthResponse, healthResponse } from "@/lib/contracts/health";
import { checkDatabase } from "@/lib/server/database/check-database";

export const dynamic = "force-dynamic";

// Never cached; and not gzipped: compressing a 60-byte answer costs more than it saves.
const CACHE_CONTROL = "no-store, no-transform";

/** Liveness, which database is behind the app and whether it answers; public, for load balancers. */
export async function GET() {
  try {
    const { kind, reachable } = await checkDatabase();
    if (!reachable) {
      return contractJson(
        degradedHealthResponse,
        { status: "degraded", database: kind, databaseReachable: false },
        { status: 503, headers: { "cache-control": CACHE_CONTROL, "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) } },
      );
    }
    return contractJson(healthResponse, { status: "ok", database: kind, databaseReachable: true }, { headers: { "cache-control": CACHE_CONTROL } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
