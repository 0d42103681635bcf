import { z } from "zod";
import { degradedHealthResponse, healthResponse } from "../health";
import { json, named, type Operation } from "./operation";

/** The service itself, public: whether it and its database answer, and the API reference. */
export const SERVICE_OPERATIONS: Operation[] = [
  {
    id: "getHealth",
    method: "get",
    path: "/api/health",
    tag: "health",
    summary: "Liveness, which database is in use, and whether it answers",
    description: "Public, for load balancers. The database is asked a trivial query, given 2 seconds to answer.",
    access: "public",
    responses: {
      200: json("The app and its database answer", named("Health", healthResponse)),
      503: json("The app runs, but its database cannot be reached or did not answer in time", named("DegradedHealth", degradedHealthResponse)),
    },
  },
  {
    id: "getOpenApiDocument",
    method: "get",
    path: "/api/openapi.json",
    tag: "reference",
    summary: "This document: the API's OpenAPI 3.1 reference",
    description: "Public; generated from the contracts the route handlers validate with. Rendered at `/api/docs`.",
    access: "public",
    database: false,
    responses: { 200: json("The OpenAPI document", named("OpenApiDocument", z.looseObject({ openapi: z.string() }))) },
  },
];
