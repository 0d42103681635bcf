import { toErrorResponse } from "@/lib/api/error-response";
import { getDatabase } from "@/lib/db/database";
import { contractJson } from "@/lib/api/contract-json";
import { healthResponse } from "@/lib/contracts/health";

export const dynamic = "force-dynamic";

/** Liveness and which database is behind the app; public, for load balancers. */
export async function GET() {
  try {
    const { prisma, kind } = await getDatabase();
    await prisma.$queryRawUnsafe("SELECT 1");
    // Never cached; and not gzipped: compressing a 40-byte answer costs more than it saves.
    return contractJson(healthResponse, { status: "ok", database: kind }, { headers: { "cache-control": "no-store, no-transform" } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
