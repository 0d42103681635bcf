import { env } from "../env";
import { authSecretProblem } from "./auth-secret";

/**
 * Stops the server at start when production on PostgreSQL lacks a strong NEXTAUTH_SECRET, rather
 * than on the first sign-in: a server that cannot sign sessions safely must not take traffic.
 */
export function refuseWeakSecretsAtStartup(): void {
  const problem = authSecretProblem(env());
  if (!problem) return;
  console.error(`Newsmark cannot start: ${problem}`);
  process.exit(1);
}
