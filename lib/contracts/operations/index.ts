import { ACCOUNT_OPERATIONS } from "./account";
import { ANNOTATION_OPERATIONS } from "./annotations";
import { ARTICLE_OPERATIONS } from "./articles";
import { COLLABORATION_OPERATIONS } from "./collaboration";
import { EXPORT_OPERATIONS } from "./export";
import type { Operation } from "./operation";
import { REVIEW_OPERATIONS } from "./review";
import { REVISION_COMPARISON_OPERATIONS, REVISION_OPERATIONS } from "./revisions";
import { SERVICE_OPERATIONS } from "./service";
import { TOKEN_OPERATIONS } from "./tokens";
import { USER_OPERATIONS } from "./users";

export type { Access, Named, Operation, OperationResponse } from "./operation";

/**
 * Every operation of the API; a test fails when a route handler has none, or one has no handler.
 * Each file holds the operations of one group of paths. The reference lists its paths, tags and
 * schemas in the order of this list: a new operation goes where a reader should find it, and
 * moving one reorders the published document (which is why comparing revisions stays after the
 * live text's operations, apart from the other revisions').
 */
export const OPERATIONS: Operation[] = [
  ...SERVICE_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
  ...ARTICLE_OPERATIONS,
  ...REVISION_OPERATIONS,
  ...COLLABORATION_OPERATIONS,
  ...REVISION_COMPARISON_OPERATIONS,
  ...ANNOTATION_OPERATIONS,
  ...REVIEW_OPERATIONS,
  ...EXPORT_OPERATIONS,
  ...USER_OPERATIONS,
  ...TOKEN_OPERATIONS,
];
