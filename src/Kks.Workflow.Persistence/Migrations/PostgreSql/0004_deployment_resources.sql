-- 0004: the files of a deployment (several BPMN models, form-js forms) and which file a definition came from.

CREATE TABLE deployment_resources (
    id text NOT NULL,
    deployment_id text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    content text NOT NULL,
    content_hash text NOT NULL,
    form_key text,
    form_version integer,
    CONSTRAINT pk_deployment_resources PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_deployment_resources_deployment_id_name ON deployment_resources (deployment_id, name);

CREATE UNIQUE INDEX ix_deployment_resources_form_key_form_version ON deployment_resources (form_key, form_version);

ALTER TABLE process_definitions ADD resource_name text;
