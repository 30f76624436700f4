CREATE TABLE "evidence_files" (
    "id" TEXT NOT NULL CONSTRAINT "pk_evidence_files" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" INTEGER NOT NULL,
    "replaced_at" INTEGER NULL
);

CREATE UNIQUE INDEX "ix_evidence_files_instance_id_file_name_version" ON "evidence_files" ("instance_id", "file_name", "version");

CREATE INDEX "ix_evidence_files_content_hash" ON "evidence_files" ("content_hash");

CREATE TABLE "task_drafts" (
    "task_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "values_json" TEXT NOT NULL,
    "saved_at" INTEGER NOT NULL,
    CONSTRAINT "pk_task_drafts" PRIMARY KEY ("task_id", "user_id")
);
