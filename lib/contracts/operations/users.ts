import { createUserInput, createUserResponse, passwordSetupLinkSchema, updateUserInput, userListItemSchema, userListResponse } from "../users";
import { json, named, type Operation } from "./operation";

/** Managing users, for admins: listing, adding and changing them, and their password set-up links. */
export const USER_OPERATIONS: Operation[] = [
  {
    id: "listUsers",
    method: "get",
    path: "/api/users",
    tag: "users",
    summary: "Every user",
    access: "signed-in",
    roles: ["admin"],
    responses: { 200: json("The users", named("UserList", userListResponse)) },
  },
  {
    id: "createUser",
    method: "post",
    path: "/api/users",
    tag: "users",
    summary: "Add a user with a password, a one-time set-up link, or neither (single sign-on)",
    description: "409 when the email exists. The set-up link is shown this once only.",
    access: "signed-in",
    roles: ["admin"],
    body: named("CreateUserRequest", createUserInput),
    responses: { 201: json("The new user", named("CreatedUser", createUserResponse)) },
    errors: ["conflict"],
  },
  {
    id: "updateUser",
    method: "patch",
    path: "/api/users/{id}",
    tag: "users",
    summary: "Change a user's name, role or disabled flag",
    access: "signed-in",
    roles: ["admin"],
    body: named("UpdateUserRequest", updateUserInput),
    responses: { 200: json("The user", named("User", userListItemSchema)) },
    errors: ["conflict"],
  },
  {
    id: "createPasswordSetup",
    method: "post",
    path: "/api/users/{id}/password-setup",
    tag: "users",
    summary: "A new one-time set-up link for a user, replacing any earlier one",
    access: "signed-in",
    roles: ["admin"],
    responses: { 201: json("The link, shown this once only", named("PasswordSetupLink", passwordSetupLinkSchema)) },
    errors: ["conflict"],
  },
];
