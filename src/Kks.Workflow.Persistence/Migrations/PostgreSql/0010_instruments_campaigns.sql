-- 0010: KKS instruments (tatanan, indicators with scale steps and owning OPDs, prerequisites, kelembagaan
-- checklist) and campaigns (OPDs, key dates, ODF share entries, kelembagaan answers).

CREATE TABLE instruments (
    id text NOT NULL,
    cycle integer NOT NULL,
    name text NOT NULL,
    official boolean NOT NULL,
    provenance text,
    origin text NOT NULL,
    source_hash text,
    updated_at timestamp with time zone NOT NULL,
    updated_by text,
    CONSTRAINT pk_instruments PRIMARY KEY (id)
);

CREATE TABLE instrument_tatanan (
    instrument_id text NOT NULL,
    number integer NOT NULL,
    name text NOT NULL,
    sheet_name text,
    expected_indicator_count integer,
    CONSTRAINT pk_instrument_tatanan PRIMARY KEY (instrument_id, number),
    CONSTRAINT fk_instrument_tatanan_instruments FOREIGN KEY (instrument_id) REFERENCES instruments (id) ON DELETE CASCADE
);

CREATE TABLE instrument_indicators (
    instrument_id text NOT NULL,
    code text NOT NULL,
    tatanan_number integer NOT NULL,
    number integer NOT NULL,
    name text NOT NULL,
    definition text NOT NULL,
    data_source text NOT NULL,
    required_evidence text NOT NULL,
    target text,
    note text,
    CONSTRAINT pk_instrument_indicators PRIMARY KEY (instrument_id, code),
    CONSTRAINT fk_instrument_indicators_instrument_tatanan FOREIGN KEY (instrument_id, tatanan_number) REFERENCES instrument_tatanan (instrument_id, number) ON DELETE CASCADE
);

CREATE TABLE indicator_scale_steps (
    instrument_id text NOT NULL,
    indicator_code text NOT NULL,
    score integer NOT NULL,
    condition text NOT NULL,
    CONSTRAINT pk_indicator_scale_steps PRIMARY KEY (instrument_id, indicator_code, score),
    CONSTRAINT fk_indicator_scale_steps_instrument_indicators FOREIGN KEY (instrument_id, indicator_code) REFERENCES instrument_indicators (instrument_id, code) ON DELETE CASCADE
);

CREATE TABLE indicator_opds (
    instrument_id text NOT NULL,
    indicator_code text NOT NULL,
    opd_code text NOT NULL,
    position integer NOT NULL,
    CONSTRAINT pk_indicator_opds PRIMARY KEY (instrument_id, indicator_code, opd_code),
    CONSTRAINT fk_indicator_opds_instrument_indicators FOREIGN KEY (instrument_id, indicator_code) REFERENCES instrument_indicators (instrument_id, code) ON DELETE CASCADE
);

CREATE TABLE instrument_prerequisites (
    instrument_id text NOT NULL,
    award_level text NOT NULL,
    rank integer NOT NULL,
    min_odf_percent integer NOT NULL,
    min_score_percent integer NOT NULL,
    max_score_percent integer,
    CONSTRAINT pk_instrument_prerequisites PRIMARY KEY (instrument_id, award_level),
    CONSTRAINT fk_instrument_prerequisites_instruments FOREIGN KEY (instrument_id) REFERENCES instruments (id) ON DELETE CASCADE
);

CREATE TABLE instrument_kelembagaan_items (
    instrument_id text NOT NULL,
    code text NOT NULL,
    body text NOT NULL,
    name text NOT NULL,
    position integer NOT NULL,
    CONSTRAINT pk_instrument_kelembagaan_items PRIMARY KEY (instrument_id, code),
    CONSTRAINT fk_instrument_kelembagaan_items_instruments FOREIGN KEY (instrument_id) REFERENCES instruments (id) ON DELETE CASCADE
);

CREATE TABLE campaigns (
    id text NOT NULL,
    name text NOT NULL,
    regency_name text NOT NULL,
    cycle integer NOT NULL,
    instrument_id text NOT NULL,
    rakor_date date,
    documents_due_date date,
    province_review_date date,
    verification_date date,
    dates_note text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by text,
    CONSTRAINT pk_campaigns PRIMARY KEY (id),
    CONSTRAINT fk_campaigns_instruments FOREIGN KEY (instrument_id) REFERENCES instruments (id) ON DELETE RESTRICT
);

CREATE TABLE campaign_opds (
    campaign_id text NOT NULL,
    opd_code text NOT NULL,
    CONSTRAINT pk_campaign_opds PRIMARY KEY (campaign_id, opd_code),
    CONSTRAINT fk_campaign_opds_campaigns FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE,
    CONSTRAINT fk_campaign_opds_opds FOREIGN KEY (opd_code) REFERENCES opds (code) ON DELETE RESTRICT
);

CREATE TABLE campaign_odf_shares (
    id text NOT NULL,
    campaign_id text NOT NULL,
    percent double precision NOT NULL,
    as_of date NOT NULL,
    source text NOT NULL,
    recorded_by text,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_campaign_odf_shares PRIMARY KEY (id),
    CONSTRAINT fk_campaign_odf_shares_campaigns FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
);

CREATE TABLE campaign_kelembagaan (
    campaign_id text NOT NULL,
    item_code text NOT NULL,
    present boolean,
    evidence_note text,
    updated_by text,
    updated_at timestamp with time zone,
    CONSTRAINT pk_campaign_kelembagaan PRIMARY KEY (campaign_id, item_code),
    CONSTRAINT fk_campaign_kelembagaan_campaigns FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
);

CREATE INDEX ix_instruments_cycle ON instruments (cycle);

CREATE UNIQUE INDEX ix_instrument_indicators_instrument_id_tatanan_number_number ON instrument_indicators (instrument_id, tatanan_number, number);

CREATE INDEX ix_indicator_opds_instrument_id_opd_code ON indicator_opds (instrument_id, opd_code);

CREATE INDEX ix_campaigns_instrument_id ON campaigns (instrument_id);

CREATE INDEX ix_campaign_opds_opd_code ON campaign_opds (opd_code);

CREATE INDEX ix_campaign_odf_shares_campaign_id_as_of ON campaign_odf_shares (campaign_id, as_of);
