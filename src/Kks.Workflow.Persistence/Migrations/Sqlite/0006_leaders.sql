-- 0006: the leaders directory (the escalation ladder above the OPDs: Kadis Kesehatan, Sekda, Kepala Bappeda...).

CREATE TABLE "leaders" (
    "role" TEXT NOT NULL CONSTRAINT "pk_leaders" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "title" TEXT NULL,
    "email" TEXT NULL,
    "user_name" TEXT NULL,
    "active" INTEGER NOT NULL
);
