-- AlterTable
ALTER TABLE "access_tokens" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "annotations" ADD COLUMN     "substanceAt" TIMESTAMP(3),
ADD COLUMN     "substanceById" UUID;

-- CreateTable
CREATE TABLE "password_setups" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_setups_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "password_setups_tokenHash_key" ON "password_setups"("tokenHash");

-- CreateIndex
CREATE INDEX "password_setups_userId_idx" ON "password_setups"("userId");

-- AddForeignKey
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_substanceById_fkey" FOREIGN KEY ("substanceById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_setups" ADD CONSTRAINT "password_setups_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Who decided an annotation's substance and when are set together.
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_substance_pair" CHECK (("substanceById" IS NULL) = ("substanceAt" IS NULL));
