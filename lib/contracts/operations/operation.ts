import type { z } from "zod";
import type { ErrorCode } from "../errors";
import type { Role } from "../vocabulary";

/** A schema with the name it has among the document's components. */
export interface Named {
  name: string;
  schema: z.ZodType;
}

export const named = (name: string, schema: z.ZodType): Named => ({ name, schema });

/** One answer of an operation: JSON unless another media type is named; no schema means no body. */
export interface OperationResponse {
  description: string;
  body?: Named;
  /** Other media types with the same body (a W3C export is JSON-LD, say). */
  alternatives?: { contentType: string; body: Named; description: string }[];
  contentType?: string;
}

/** How a caller proves who they are: a session or token, nothing, or next-auth's own flow. */
export type Access = "signed-in" | "public";

/** One route and method of the public API, as the reference documents it. */
export interface Operation {
  id: string;
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI form: `/api/articles/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Only these roles; everyone signed in when absent. */
  roles?: readonly Role[];
  query?: Named;
  body?: Named;
  /** The body limit, when it is not the default 64 KB. */
  bodyLimit?: string;
  responses: Record<number, OperationResponse>;
  /** Error codes this operation may answer beyond those its access, query, body and path imply. */
  errors?: ErrorCode[];
  /** false: the operation never reads the database (the reference itself), so it never answers 503. */
  database?: false;
}

export const noContent = (description: string): OperationResponse => ({ description });
export const json = (description: string, body: Named): OperationResponse => ({ description, body });
