-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "eventSeq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "revisions" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "savedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- Every revision written before live collaboration was saved as a whole.
UPDATE "revisions" SET "savedAt" = "createdAt";

-- CreateTable
CREATE TABLE "article_steps" (
    "articleId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "step" JSONB NOT NULL,
    "clientId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "article_steps_pkey" PRIMARY KEY ("articleId","version")
);

-- CreateTable
CREATE TABLE "article_events" (
    "articleId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "auditId" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "article_events_pkey" PRIMARY KEY ("articleId","seq")
);

-- AddForeignKey
ALTER TABLE "article_steps" ADD CONSTRAINT "article_steps_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_events" ADD CONSTRAINT "article_events_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Live events. One function numbers and stores an event of an article and tells every app instance
-- (NOTIFY is delivered at commit, so listeners never see an event that was rolled back). The
-- article row's lock orders the numbers as the transactions commit: a stream resumed after event N
-- finds every later event, and none twice. The payload stays small: the article and the number.
--
-- The function bodies are E'' strings with each semicolon written as \073: Prisma's PostgreSQL
-- adapter applies a migration by splitting it at every semicolon, dollar quotes or not.
CREATE FUNCTION "newsmark_article_event"(article UUID, event_action TEXT, entity TEXT, audit UUID)
RETURNS INTEGER LANGUAGE plpgsql AS E'
DECLARE
  next_seq INTEGER\073
  text_version INTEGER\073
BEGIN
  UPDATE "articles" SET "eventSeq" = "eventSeq" + 1 WHERE "id" = article RETURNING "eventSeq" INTO next_seq\073
  IF next_seq IS NULL THEN
    RETURN NULL\073
  END IF\073
  SELECT r."version" INTO text_version
    FROM "articles" a JOIN "revisions" r ON r."id" = a."currentRevisionId"
   WHERE a."id" = article\073
  INSERT INTO "article_events" ("articleId", "seq", "action", "entityId", "version", "auditId")
  VALUES (article, next_seq, event_action, entity, COALESCE(text_version, 0), audit)\073
  PERFORM pg_notify(''newsmark_article_events'', article::text || '' '' || next_seq::text)\073
  RETURN next_seq\073
END
';

-- Every audited change to an article, its revisions or its annotations is a live event, whichever
-- code path wrote it (one statement, a transaction, an import): the audit row is written with the
-- change, so the event is too. Some annotation events carry only the part that changed (a
-- re-anchor's span): the annotation's own row then says which article.
CREATE FUNCTION "newsmark_audit_to_article_event"() RETURNS TRIGGER LANGUAGE plpgsql AS E'
DECLARE
  article UUID\073
BEGIN
  IF NEW."entityType" = ''article'' THEN
    article := NEW."entityId"::uuid\073
  ELSIF NEW."entityType" IN (''annotation'', ''revision'') THEN
    article := COALESCE(NEW."after" ->> ''articleId'', NEW."before" ->> ''articleId'')::uuid\073
    IF article IS NULL AND NEW."entityType" = ''annotation'' THEN
      SELECT n."articleId" INTO article FROM "annotations" n WHERE n."id" = NEW."entityId"::uuid\073
    END IF\073
  END IF\073
  IF article IS NOT NULL THEN
    PERFORM "newsmark_article_event"(article, NEW."action", NEW."entityId", NEW."id")\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER "audit_events_to_article_events" AFTER INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "newsmark_audit_to_article_event"();
