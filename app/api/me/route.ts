import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/with-auth";

/** Who the caller is. */
export const GET = withAuth(async ({ actor }) => NextResponse.json(actor));
