import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

interface Props {
  /** The form field's name for the new password; its confirmation is always `confirmPassword`. */
  name: string;
  /** An id for the rule's text, which the field points at so screen readers read it with the field. */
  ruleId: string;
  autoFocus?: boolean;
}

/** A new password, its rule and its confirmation: the same fields wherever a password is chosen. */
export function NewPasswordFields({ name, ruleId, autoFocus }: Props) {
  return (
    <>
      <label>
        New password
        <input name={name} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} aria-describedby={ruleId} autoFocus={autoFocus} />
      </label>
      <p id={ruleId} className="small muted">
        At least {MIN_PASSWORD_LENGTH} characters.
      </p>
      <label>
        Confirm new password
        <input name="confirmPassword" type="password" autoComplete="new-password" required />
      </label>
    </>
  );
}
