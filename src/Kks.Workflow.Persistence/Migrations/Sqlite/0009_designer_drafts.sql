-- 0009: the designer's drafts (saved, not deployed), one per user, kind (bpmn/form) and key.

CREATE TABLE "designer_drafts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_designer_drafts" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NULL,
    "content" TEXT NOT NULL,
    "saved_at" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "ix_designer_drafts_user_id_kind_key" ON "designer_drafts" ("user_id", "kind", "key");
