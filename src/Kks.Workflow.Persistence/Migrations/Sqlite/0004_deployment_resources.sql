-- 0004: the files of a deployment (several BPMN models, form-js forms) and which file a definition came from.

CREATE TABLE "deployment_resources" (
    "id" TEXT NOT NULL CONSTRAINT "pk_deployment_resources" PRIMARY KEY,
    "deployment_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "form_key" TEXT NULL,
    "form_version" INTEGER NULL
);

CREATE UNIQUE INDEX "ix_deployment_resources_deployment_id_name" ON "deployment_resources" ("deployment_id", "name");

CREATE UNIQUE INDEX "ix_deployment_resources_form_key_form_version" ON "deployment_resources" ("form_key", "form_version");

ALTER TABLE "process_definitions" ADD "resource_name" TEXT NULL;
