import "server-only";
import type { Prisma } from "../../db/prisma";

/**
 * The unattributed claims of `lib/export/unattributed-claims.ts` as a Prisma filter on annotations:
 * live claims that no live attribution links to with `attributes`, whatever either one's status.
 * The article list counts and filters with it; tests hold it equal to the export's summary.
 */
export const unattributedClaimWhere = {
  deletedAt: null,
  kind: "claim",
  linksTo: { none: { type: "attributes", from: { deletedAt: null, kind: "attribution" } } },
} satisfies Prisma.AnnotationWhereInput;
