const SSO_INCOMPLETE = "Single sign-on did not complete: it was cancelled, refused at the provider or interrupted. Try again, or sign in with your password.";

/** Sign-in error codes (next-auth's `?error=` and our own) and the message each shows. */
const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  AccountDisabled: "This account is disabled. Ask an admin to enable it.",
  TooManyAttempts: "Too many failed sign-ins for this email. Wait 15 minutes and try again.",
  SessionExpired: "Your session ended. Sign in again.",
  // Single sign-on: the provider vouched for someone, but Newsmark does not let them in.
  NoAccount: "No Newsmark account has the email address your single sign-on gave. Ask an admin to add you with that address.",
  NoEmail: "Your single sign-on did not share an email address, which Newsmark needs to find your account. Ask your IT team to release it to Newsmark.",
  EmailNotVerified: "Your single sign-on provider has not verified your email address, so Newsmark cannot match it to an account. Verify it there and try again.",
  InvalidRoleClaim: "Your single sign-on gave a Newsmark role other than editor, reviewer or admin, so you were not signed in. Ask your IT team to correct it.",
  // next-auth's codes when the exchange with the provider itself fails.
  OAuthSignin: "Single sign-on could not start: the provider did not answer. Try again, or sign in with your password.",
  // A person who cancels at the provider, or whom it turns away, comes back with Callback.
  OAuthCallback: SSO_INCOMPLETE,
  Callback: SSO_INCOMPLETE,
  AccessDenied: "You are not allowed to sign in to Newsmark.",
};

/** The message for an error code; a generic one for codes we do not know. */
export function signInErrorMessage(code: string): string {
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? SIGN_IN_ERRORS[code]! : "Sign-in failed. Try again.";
}
