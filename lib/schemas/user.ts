import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/password";

export const roleSchema = z.enum(["editor", "reviewer", "admin"]);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }));

export const createUserInput = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1, "is required").max(200),
    role: roleSchema.default("editor"),
    password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024).optional(),
  })
  .strict();
export type CreateUserInput = z.input<typeof createUserInput>;

export const credentialsInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "is required").max(1024),
});
