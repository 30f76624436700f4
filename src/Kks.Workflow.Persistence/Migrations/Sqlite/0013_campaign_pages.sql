-- 0013: what the campaign pages add: evidence files of the kelembagaan checklist items, and the secretariat's draft
-- of the province's per-indicator results before they are sent to the workflow.

CREATE TABLE "campaign_kelembagaan_files" (
    "id" TEXT NOT NULL CONSTRAINT "pk_campaign_kelembagaan_files" PRIMARY KEY,
    "campaign_id" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_campaign_kelembagaan_files_campaigns" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_campaign_kelembagaan_files_campaign_id_item_code" ON "campaign_kelembagaan_files" ("campaign_id", "item_code");

CREATE TABLE "province_result_drafts" (
    "campaign_id" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "score" INTEGER NULL,
    "note" TEXT NULL,
    "updated_by" TEXT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "pk_province_result_drafts" PRIMARY KEY ("campaign_id", "indicator_code"),
    CONSTRAINT "fk_province_result_drafts_campaigns" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE
);
