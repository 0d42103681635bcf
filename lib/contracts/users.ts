import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/password-rules";
import { isoDateTimeSchema } from "./common";
import { roleSchema } from "./vocabulary";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }));

/** The one password rule, for every way a password is chosen (admin, set-up link, change). */
export const passwordSchema = z
  .string({ message: "must be a string" })
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "must be at most 1024 characters");

/** `POST /api/users` (admins). */
export const createUserInput = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1, "is required").max(200),
    role: roleSchema.default("editor"),
    password: passwordSchema.optional(),
    /** true: also issue a one-time link with which the user sets their own password. */
    setupLink: z.boolean().optional(),
  })
  .strict()
  .refine((v) => !(v.password !== undefined && v.setupLink), {
    message: "Choose either a password or a set-up link, not both",
    path: ["setupLink"],
  });
export type CreateUserInput = z.input<typeof createUserInput>;

/** `POST /api/me/password`: the current password proves it is really the user. */
export const changePasswordInput = z
  .object({
    currentPassword: z.string({ message: "must be a string" }).min(1, "is required").max(1024),
    newPassword: passwordSchema,
  })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, {
    message: "must differ from the current password",
    path: ["newPassword"],
  });

/** `POST /api/password-setup`: the secret from a one-time link and the password chosen with it. */
export const redeemPasswordSetupInput = z
  .object({
    token: z.string({ message: "must be a string" }).min(1, "is required").max(200),
    password: passwordSchema,
  })
  .strict();

/** The sign-in form. */
export const credentialsInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "is required").max(1024),
});

/** `PATCH /api/users/:id` (admins): name, role or disabled flag. */
export const updateUserInput = z
  .object({
    name: z.string().trim().min(1, "is required").max(200).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Send at least one of name, role, disabled");

/** The signed-in user as the API names them (`GET /api/me`). */
export const actorSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema });
export type ActorJson = z.infer<typeof actorSchema>;

/** One user on the admins' user management page. */
export const userListItemSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: isoDateTimeSchema,
});
export type UserListItem = z.infer<typeof userListItemSchema>;

/** `GET /api/users` (admins). */
export const userListResponse = z.object({ items: z.array(userListItemSchema) });

/** A one-time set-up link, shown once: the app path, its absolute URL, and when it expires. */
export const passwordSetupLinkSchema = z.object({ path: z.string(), url: z.string(), expiresAt: isoDateTimeSchema });

/** `POST /api/users`: the new user; with `setupLink: true`, the link too. */
export const createUserResponse = actorSchema.extend({ setup: passwordSetupLinkSchema.optional() });
