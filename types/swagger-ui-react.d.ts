// swagger-ui-react ships without type declarations; these are the props the reference page uses.
declare module "swagger-ui-react" {
  import type { ComponentType } from "react";

  /** Swagger UI's React component. */
  const SwaggerUI: ComponentType<{
    url?: string;
    spec?: object;
    docExpansion?: "list" | "full" | "none";
    defaultModelsExpandDepth?: number;
    tryItOutEnabled?: boolean;
    onComplete?: () => void;
  }>;
  export default SwaggerUI;
}
