-- 0007: the working-day calendar (holidays and cuti bersama; weekends are off by rule) and the named deadline
-- ladders (kks:deadlinePolicy), with the standard ladder seeded: remind the candidate group 3 and 1 working days
-- before and on the due date; then the Kepala OPD (1 working day late), the Kadis Kesehatan (5) and the Sekda (10).

CREATE TABLE "holidays" (
    "date" TEXT NOT NULL CONSTRAINT "pk_holidays" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL
);

CREATE TABLE "deadline_policies" (
    "name" TEXT NOT NULL CONSTRAINT "pk_deadline_policies" PRIMARY KEY,
    "description" TEXT NULL,
    "steps_json" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL
);

INSERT INTO "deadline_policies" ("name", "description", "steps_json", "updated_at") VALUES ('standar',
    'Pengingat H-3, H-1 dan hari H ke OPD; lalu Kepala OPD (H+1), Kadis Kesehatan (H+5), Sekda (H+10), dalam hari kerja.',
    '[{"workingDaysFromDue":-3,"to":["candidate-group"]},{"workingDaysFromDue":-1,"to":["candidate-group"]},{"workingDaysFromDue":0,"to":["candidate-group"]},{"workingDaysFromDue":1,"to":["kepala-opd"]},{"workingDaysFromDue":5,"to":["leader:kadis-kesehatan"]},{"workingDaysFromDue":10,"to":["leader:sekda"]}]',
    638081280000000000);
