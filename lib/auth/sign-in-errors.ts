/** Sign-in error codes (next-auth's `?error=` and our own) and the message each shows. */
const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  AccountDisabled: "This account is disabled. Ask an admin to enable it.",
  TooManyAttempts: "Too many failed sign-ins for this email. Wait 15 minutes and try again.",
  NoAccount: "No Newsmark account matches that single sign-on identity. Ask an admin to add you.",
  SessionExpired: "Your session ended. Sign in again.",
};

/** The message for an error code; a generic one for codes we do not know. */
export function signInErrorMessage(code: string): string {
  return SIGN_IN_ERRORS[code] ?? "Sign-in failed. Try again.";
}
