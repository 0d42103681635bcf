import { z } from "zod";
import { roleSchema } from "./user";

export const updateUserInput = z
  .object({
    name: z.string().trim().min(1, "is required").max(200).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Send at least one of name, role, disabled");
