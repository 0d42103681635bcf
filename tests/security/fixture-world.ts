import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/db/prisma";
import { hashToken } from "@/lib/server/tokens/token-secret";
import type { Actor } from "@/lib/server/actor";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createLink } from "@/lib/server/annotations/create-link";
import { createArticle } from "@/lib/server/articles/create-article";
import { acceptSteps } from "@/lib/server/collab/accept-steps";
import { OPERATOR } from "@/lib/server/operator";
import { createRevision } from "@/lib/server/revisions/create-revision";
import { createToken } from "@/lib/server/tokens/create-token";
import { createUser } from "@/lib/server/users/create-user";
import { createTestToken, createTestUser, uniqueEmail } from "../helpers/factories";
import type { Principal } from "./principals";

/** Text of every fixture article; "Alpha" is positions 1–6 in its one paragraph. */
export const FIXTURE_TEXT = "Alpha beta gamma delta epsilon zeta eta theta.";

export interface FixtureArticle {
  id: string;
  revisionId: string;
}

export interface FixtureAnnotation {
  id: string;
  articleId: string;
  version: number;
}

/**
 * The people of the matrix and fresh things for them to act on. "author" owns every fixture
 * article and annotation; tokens are in clear (undefined for the anonymous caller).
 */
export interface FixtureWorld {
  actors: Record<"author" | "otherEditor" | "reviewer" | "admin", Actor>;
  tokens: Record<Principal, string | undefined>;
  article(): Promise<FixtureArticle>;
  annotation(kind?: "claim" | "hedge" | "attribution", on?: FixtureArticle, span?: { from: number; to: number }): Promise<FixtureAnnotation>;
  /** Links an attribution to a claim (`attributes`) or a hedge to one (`qualifies`), as the author. */
  link(from: FixtureAnnotation, to: FixtureAnnotation, type?: "attributes" | "qualifies"): Promise<void>;
  /** Sends live text steps on the article's current text version (by the author). */
  sendSteps(on: FixtureArticle, steps: Record<string, unknown>[]): Promise<void>;
  /** Saves a correction of an article as its next revision (by the author). */
  revise(on: FixtureArticle, doc: Record<string, unknown>): Promise<FixtureArticle>;
  /** A user nobody else uses, to be changed by a request. */
  user(): Promise<Actor>;
  /** A fresh personal access token of the author; its id. */
  accessTokenId(): Promise<string>;
  /** A fresh user with a one-time set-up link; the link's secret. */
  setupSecret(): Promise<string>;
}

/** Creates the matrix's users and tokens on a database. */
export async function createFixtureWorld(prisma: PrismaClient): Promise<FixtureWorld> {
  const author = await createTestUser(prisma, { role: "editor" });
  const otherEditor = await createTestUser(prisma, { role: "editor" });
  const reviewer = await createTestUser(prisma, { role: "reviewer" });
  const admin = await createTestUser(prisma, { role: "admin" });
  const disabled = await createTestUser(prisma, { role: "editor" });
  const disabledToken = await createTestToken(prisma, disabled.email);
  await prisma.user.update({ where: { id: disabled.id }, data: { disabled: true } });
  // A revoked token of an otherwise fine user: only the token is refused.
  const revokedToken = await createTestToken(prisma, author.email);
  await prisma.accessToken.update({ where: { tokenHash: hashToken(revokedToken) }, data: { revokedAt: new Date() } });

  const tokens: Record<Principal, string | undefined> = {
    anonymous: undefined,
    author: await createTestToken(prisma, author.email),
    otherEditor: await createTestToken(prisma, otherEditor.email),
    reviewer: await createTestToken(prisma, reviewer.email),
    admin: await createTestToken(prisma, admin.email),
    disabled: disabledToken,
    revokedToken,
  };

  const article = async (): Promise<FixtureArticle> => {
    const created = await createArticle(prisma, author, { title: `Fixture ${randomUUID()}`, format: "text", content: FIXTURE_TEXT });
    return { id: created.id, revisionId: created.revision.id };
  };

  return {
    actors: { author, otherEditor, reviewer, admin },
    tokens,
    article,
    async annotation(kind = "claim", on, span = { from: 1, to: 6 }) {
      const target = on ?? (await article());
      const { annotation } = await createAnnotation(prisma, author, target.id, { revisionId: target.revisionId, kind, ...span });
      return { id: annotation.id, articleId: target.id, version: annotation.version };
    },
    async link(from, to, type = "attributes") {
      await createLink(prisma, author, from.id, { type, targetId: to.id });
    },
    async sendSteps(on, steps) {
      const live = await prisma.article.findUniqueOrThrow({ where: { id: on.id }, select: { currentRevision: { select: { version: true } } } });
      await acceptSteps(prisma, author, on.id, { version: live.currentRevision!.version, clientId: "fixture", steps });
    },
    async revise(on, doc) {
      const saved = await createRevision(prisma, author, on.id, { baseRevisionId: on.revisionId, doc });
      return { id: on.id, revisionId: saved.revision.id };
    },
    user: () => createUser(prisma, OPERATOR, { email: uniqueEmail("target"), name: "Target user", role: "editor" }),
    accessTokenId: async () => (await createToken(prisma, OPERATOR, { email: author.email, name: "Fixture token" })).id,
    async setupSecret() {
      const invited = await createUser(prisma, OPERATOR, { email: uniqueEmail("invited"), name: "Invited user", setupLink: true });
      return invited.setup!.path.split("/").pop()!;
    },
  };
}
