import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import type { ArticleEvent } from "@/lib/contracts/collab";
import type { Notifications } from "@/lib/db/notifications";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { deleteAnnotation } from "@/lib/server/annotations/delete-annotation";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { updateAnnotation } from "@/lib/server/annotations/update-annotation";
import { createArticle } from "@/lib/server/articles/create-article";
import { useDatabase } from "@/lib/server/database/app-database";
import { ArticleEventBus, ARTICLE_EVENTS_CHANNEL } from "@/lib/server/events/article-event-bus";
import { getArticleEventBus } from "@/lib/server/events/event-bus-instance";
import { HEARTBEAT_MS } from "@/lib/server/events/event-stream";
import { openReviewQueueEventStream } from "@/lib/server/review/review-queue-events";
import { createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";

const TEXT = "The council said rents rose by a fifth. Tenants disputed the figure.";

/** What a listener has been told so far, and a way to wait until enough has come (no sleeping). */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters: Array<() => void> = [];

  push(item: T): void {
    this.items.push(item);
    for (const wake of this.waiters.splice(0)) wake();
  }

  async until(done: (items: T[]) => boolean): Promise<T[]> {
    while (!done(this.items)) await new Promise<void>((wake) => this.waiters.push(wake));
    return this.items;
  }
}

/** Reads a stream's text until `done` holds for all of it, or the stream ends. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean, text = ""): Promise<{ text: string; ended: boolean }> {
  const decoder = new TextDecoder();
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) return { text, ended: true };
    text += decoder.decode(value, { stream: true });
  }
  return { text, ended: false };
}

describeEachDatabase("the event bus's all-articles subscription", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let bus: ArticleEventBus;

  beforeAll(async () => {
    editor = await createTestUser(db.prisma, { role: "editor" });
    reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    bus = new ArticleEventBus(db.prisma);
    await bus.start(db.notifications!);
  });

  afterAll(async () => {
    await bus.close();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const article = async () => (await createArticle(db.prisma, editor, { title: `Rents ${crypto.randomUUID()}`, format: "text", content: TEXT })).id;
  const eventSeq = async (id: string) => (await db.prisma.article.findUniqueOrThrow({ where: { id }, select: { eventSeq: true } })).eventSeq;
  const tag = async (articleId: string, kind: "claim" | "hedge", exact: string) => {
    const { currentRevisionId } = await db.prisma.article.findUniqueOrThrow({ where: { id: articleId }, select: { currentRevisionId: true } });
    return (await createAnnotation(db.prisma, editor, articleId, { revisionId: currentRevisionId, kind, quote: { exact } })).annotation;
  };

  it("hears of every article's events, in commit order, while a stream of one article still gets that article's events", async () => {
    const told = new Inbox<string>();
    const stop = bus.subscribeAll({ onArticle: (id) => told.push(id), onResumed: () => told.push("resumed") });
    const expected: string[] = [];
    /** Does one change and expects one notification per event it added to its article. */
    const step = async <T,>(articleId: string, change: () => Promise<T>): Promise<T> => {
      const before = await eventSeq(articleId);
      const result = await change();
      const added = (await eventSeq(articleId)) - before;
      expect(added, "each change is at least one live event").toBeGreaterThan(0);
      for (let i = 0; i < added; i++) expected.push(articleId);
      return result;
    };

    const rents = await article();
    const tenants = await article();
    // Subscribed before the articles existed: their creation is told too.
    for (const id of [rents, tenants]) for (let i = 0; i < (await eventSeq(id)); i++) expected.push(id);
    const rentsEvents = new Inbox<ArticleEvent>();
    const stopRents = bus.subscribe(rents, { last: 0, onEvents: (events) => events.forEach((e) => rentsEvents.push(e)), onPresence: () => undefined });

    const claim = await step(rents, () => tag(rents, "claim", "rents rose by a fifth"));
    const hedge = await step(tenants, () => tag(tenants, "hedge", "disputed"));
    const changed = await step(rents, () => updateAnnotation(db.prisma, editor, claim.id, { version: claim.version, note: "Check the council's table" }));
    await step(rents, () => reviewAnnotation(db.prisma, reviewer, changed.id, { version: changed.version, decision: "approve" }));
    await step(tenants, () => deleteAnnotation(db.prisma, editor, hedge.id, { version: String(hedge.version) }));

    expect(await told.until((items) => items.length >= expected.length)).toEqual(expected);
    const lastOfRents = await eventSeq(rents);
    const rentsSeen = await rentsEvents.until((events) => events.at(-1)?.seq === lastOfRents);
    expect(rentsSeen.map((e) => e.seq)).toEqual(Array.from({ length: lastOfRents }, (_, i) => i + 1));
    expect(rentsSeen.map((e) => e.action)).toEqual(expect.arrayContaining(["annotation.create", "annotation.update", "annotation.approve"]));
    stop();
    stopRents();
  });

  it("stops telling a stream that left, and tells nobody of a change that was rolled back", async () => {
    const rents = await article();
    const tenants = await article();
    const left = new Inbox<string>();
    const stayed = new Inbox<string>();
    const stopLeft = bus.subscribeAll({ onArticle: (id) => left.push(id), onResumed: () => undefined });
    const stopStayed = bus.subscribeAll({ onArticle: (id) => stayed.push(id), onResumed: () => undefined });
    stopLeft();

    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.auditEvent.create({ data: { action: "article.update", entityType: "article", entityId: rents, actorId: editor.id } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await tag(tenants, "claim", "rents rose");

    // Notifications arrive in commit order, to every subscriber at once: the first is the committed change.
    const [first] = await stayed.until((items) => items.length > 0);
    expect(first).toBe(tenants);
    expect(left.items).toEqual([]);
    stopStayed();
  });

  it("tells every all-articles subscriber when notifications resume after a break, since some may have been lost", async () => {
    let resume = () => {};
    const broken: Notifications = {
      async listen(channel, _onPayload, onResumed) {
        if (channel === ARTICLE_EVENTS_CHANNEL) resume = () => onResumed?.();
        return async () => undefined;
      },
    };
    const own = new ArticleEventBus(db.prisma);
    await own.start(broken);
    const told = new Inbox<string>();
    own.subscribeAll({ onArticle: (id) => told.push(id), onResumed: () => told.push("resumed") });
    resume();
    expect(await told.until((items) => items.length > 0)).toEqual(["resumed"]);
    await own.close();
  });

  it("sends `event: changed` with the article to an open review queue stream, and lets go of it when the page leaves", async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, notifications: db.notifications });
    const appBus = await getArticleEventBus();
    const before = appBus.size;
    const leave = new AbortController();
    const reader = (await openReviewQueueEventStream(db.prisma, reviewer, leave.signal)).getReader();
    const opened = await readUntil(reader, (text) => text.includes(": connected"));
    expect(opened.text).toMatch(/^retry: \d+\n/);
    expect(appBus.size).toBe(before + 1);

    const rents = await article();
    await tag(rents, "claim", "rents rose by a fifth");
    const changed = await readUntil(reader, (text) => text.includes(`event: changed\ndata: {"articleId":"${rents}"}\n\n`), opened.text);
    expect(changed.ended).toBe(false);
    // Only the article travels: no annotation, no text.
    expect(changed.text).not.toContain("rents rose");

    leave.abort();
    // What was queued before the page left is still read; then the stream ends.
    expect((await readUntil(reader, () => false)).ended).toBe(true);
    expect(appBus.size).toBe(before);
  });

  it("closes a review queue stream on the heartbeat after its user was disabled", async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, notifications: db.notifications });
    const leaving = await createTestUser(db.prisma, { role: "reviewer" });
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const reader = (await openReviewQueueEventStream(db.prisma, leaving, new AbortController().signal)).getReader();
    const opened = await readUntil(reader, (text) => text.includes(": connected"));
    await db.prisma.user.update({ where: { id: leaving.id }, data: { disabled: true } });
    vi.advanceTimersByTime(HEARTBEAT_MS);
    const closed = await readUntil(reader, () => false, opened.text);
    expect(closed.ended).toBe(true);
    expect(closed.text).toContain(": ping\n\n");
    expect(closed.text).toContain('event: closed\ndata: {"reason":"disabled"}\n\n');
  });
});
