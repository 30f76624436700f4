-- 0013: what the campaign pages add: evidence files of the kelembagaan checklist items, and the secretariat's draft
-- of the province's per-indicator results before they are sent to the workflow.

CREATE TABLE campaign_kelembagaan_files (
    id text NOT NULL,
    campaign_id text NOT NULL,
    item_code text NOT NULL,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    content_hash text NOT NULL,
    uploaded_by text NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_campaign_kelembagaan_files PRIMARY KEY (id),
    CONSTRAINT fk_campaign_kelembagaan_files_campaigns FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
);

CREATE INDEX ix_campaign_kelembagaan_files_campaign_id_item_code ON campaign_kelembagaan_files (campaign_id, item_code);

CREATE TABLE province_result_drafts (
    campaign_id text NOT NULL,
    indicator_code text NOT NULL,
    score integer,
    note text,
    updated_by text,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_province_result_drafts PRIMARY KEY (campaign_id, indicator_code),
    CONSTRAINT fk_province_result_drafts_campaigns FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
);
