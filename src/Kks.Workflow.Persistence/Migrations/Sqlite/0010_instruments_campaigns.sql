-- 0010: KKS instruments (tatanan, indicators with scale steps and owning OPDs, prerequisites, kelembagaan
-- checklist) and campaigns (OPDs, key dates, ODF share entries, kelembagaan answers).

CREATE TABLE "instruments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_instruments" PRIMARY KEY,
    "cycle" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "official" INTEGER NOT NULL,
    "provenance" TEXT NULL,
    "origin" TEXT NOT NULL,
    "source_hash" TEXT NULL,
    "updated_at" INTEGER NOT NULL,
    "updated_by" TEXT NULL
);

CREATE TABLE "instrument_tatanan" (
    "instrument_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sheet_name" TEXT NULL,
    "expected_indicator_count" INTEGER NULL,
    CONSTRAINT "pk_instrument_tatanan" PRIMARY KEY ("instrument_id", "number"),
    CONSTRAINT "fk_instrument_tatanan_instruments" FOREIGN KEY ("instrument_id") REFERENCES "instruments" ("id") ON DELETE CASCADE
);

CREATE TABLE "instrument_indicators" (
    "instrument_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "tatanan_number" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "data_source" TEXT NOT NULL,
    "required_evidence" TEXT NOT NULL,
    "target" TEXT NULL,
    "note" TEXT NULL,
    CONSTRAINT "pk_instrument_indicators" PRIMARY KEY ("instrument_id", "code"),
    CONSTRAINT "fk_instrument_indicators_instrument_tatanan" FOREIGN KEY ("instrument_id", "tatanan_number") REFERENCES "instrument_tatanan" ("instrument_id", "number") ON DELETE CASCADE
);

CREATE TABLE "indicator_scale_steps" (
    "instrument_id" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "condition" TEXT NOT NULL,
    CONSTRAINT "pk_indicator_scale_steps" PRIMARY KEY ("instrument_id", "indicator_code", "score"),
    CONSTRAINT "fk_indicator_scale_steps_instrument_indicators" FOREIGN KEY ("instrument_id", "indicator_code") REFERENCES "instrument_indicators" ("instrument_id", "code") ON DELETE CASCADE
);

CREATE TABLE "indicator_opds" (
    "instrument_id" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "opd_code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "pk_indicator_opds" PRIMARY KEY ("instrument_id", "indicator_code", "opd_code"),
    CONSTRAINT "fk_indicator_opds_instrument_indicators" FOREIGN KEY ("instrument_id", "indicator_code") REFERENCES "instrument_indicators" ("instrument_id", "code") ON DELETE CASCADE
);

CREATE TABLE "instrument_prerequisites" (
    "instrument_id" TEXT NOT NULL,
    "award_level" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "min_odf_percent" INTEGER NOT NULL,
    "min_score_percent" INTEGER NOT NULL,
    "max_score_percent" INTEGER NULL,
    CONSTRAINT "pk_instrument_prerequisites" PRIMARY KEY ("instrument_id", "award_level"),
    CONSTRAINT "fk_instrument_prerequisites_instruments" FOREIGN KEY ("instrument_id") REFERENCES "instruments" ("id") ON DELETE CASCADE
);

CREATE TABLE "instrument_kelembagaan_items" (
    "instrument_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "pk_instrument_kelembagaan_items" PRIMARY KEY ("instrument_id", "code"),
    CONSTRAINT "fk_instrument_kelembagaan_items_instruments" FOREIGN KEY ("instrument_id") REFERENCES "instruments" ("id") ON DELETE CASCADE
);

CREATE TABLE "campaigns" (
    "id" TEXT NOT NULL CONSTRAINT "pk_campaigns" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "regency_name" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "instrument_id" TEXT NOT NULL,
    "rakor_date" TEXT NULL,
    "documents_due_date" TEXT NULL,
    "province_review_date" TEXT NULL,
    "verification_date" TEXT NULL,
    "dates_note" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "updated_by" TEXT NULL,
    CONSTRAINT "fk_campaigns_instruments" FOREIGN KEY ("instrument_id") REFERENCES "instruments" ("id") ON DELETE RESTRICT
);

CREATE TABLE "campaign_opds" (
    "campaign_id" TEXT NOT NULL,
    "opd_code" TEXT NOT NULL,
    CONSTRAINT "pk_campaign_opds" PRIMARY KEY ("campaign_id", "opd_code"),
    CONSTRAINT "fk_campaign_opds_campaigns" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_campaign_opds_opds" FOREIGN KEY ("opd_code") REFERENCES "opds" ("code") ON DELETE RESTRICT
);

CREATE TABLE "campaign_odf_shares" (
    "id" TEXT NOT NULL CONSTRAINT "pk_campaign_odf_shares" PRIMARY KEY,
    "campaign_id" TEXT NOT NULL,
    "percent" REAL NOT NULL,
    "as_of" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "recorded_by" TEXT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_campaign_odf_shares_campaigns" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE
);

CREATE TABLE "campaign_kelembagaan" (
    "campaign_id" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "present" INTEGER NULL,
    "evidence_note" TEXT NULL,
    "updated_by" TEXT NULL,
    "updated_at" INTEGER NULL,
    CONSTRAINT "pk_campaign_kelembagaan" PRIMARY KEY ("campaign_id", "item_code"),
    CONSTRAINT "fk_campaign_kelembagaan_campaigns" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_instruments_cycle" ON "instruments" ("cycle");

CREATE UNIQUE INDEX "ix_instrument_indicators_instrument_id_tatanan_number_number" ON "instrument_indicators" ("instrument_id", "tatanan_number", "number");

CREATE INDEX "ix_indicator_opds_instrument_id_opd_code" ON "indicator_opds" ("instrument_id", "opd_code");

CREATE INDEX "ix_campaigns_instrument_id" ON "campaigns" ("instrument_id");

CREATE INDEX "ix_campaign_opds_opd_code" ON "campaign_opds" ("opd_code");

CREATE INDEX "ix_campaign_odf_shares_campaign_id_as_of" ON "campaign_odf_shares" ("campaign_id", "as_of");
