CREATE TABLE evidence_files (
    id text NOT NULL,
    instance_id text NOT NULL,
    task_id text NOT NULL,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    content_hash text NOT NULL,
    version integer NOT NULL,
    uploaded_by text NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    replaced_at timestamp with time zone,
    CONSTRAINT pk_evidence_files PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_evidence_files_instance_id_file_name_version ON evidence_files (instance_id, file_name, version);

CREATE INDEX ix_evidence_files_content_hash ON evidence_files (content_hash);

CREATE TABLE task_drafts (
    task_id text NOT NULL,
    user_id text NOT NULL,
    values_json text NOT NULL,
    saved_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_task_drafts PRIMARY KEY (task_id, user_id)
);
