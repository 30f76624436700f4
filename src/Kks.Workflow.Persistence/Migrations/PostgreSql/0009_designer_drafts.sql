-- 0009: the designer's drafts (saved, not deployed), one per user, kind (bpmn/form) and key.

CREATE TABLE designer_drafts (
    id text NOT NULL,
    user_id text NOT NULL,
    kind text NOT NULL,
    key text NOT NULL,
    name text,
    content text NOT NULL,
    saved_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_designer_drafts PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_designer_drafts_user_id_kind_key ON designer_drafts (user_id, kind, key);
