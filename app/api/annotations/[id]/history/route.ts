import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/with-auth";
import { annotationHistory } from "@/lib/server/annotations/annotation-history";

/** The audit history of one annotation: `[{action, actor, at, before, after}]`. */
export const GET = withAuth<{ id: string }>(async ({ db, actor, params }) => NextResponse.json(await annotationHistory(db, actor, params.id)));
