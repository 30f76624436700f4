-- 0007: the working-day calendar (holidays and cuti bersama; weekends are off by rule) and the named deadline
-- ladders (kks:deadlinePolicy), with the standard ladder seeded: remind the candidate group 3 and 1 working days
-- before and on the due date; then the Kepala OPD (1 working day late), the Kadis Kesehatan (5) and the Sekda (10).

CREATE TABLE holidays (
    date date NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    source text NOT NULL,
    active boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_holidays PRIMARY KEY (date)
);

CREATE TABLE deadline_policies (
    name text NOT NULL,
    description text,
    steps_json text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_deadline_policies PRIMARY KEY (name)
);

INSERT INTO deadline_policies (name, description, steps_json, updated_at) VALUES ('standar',
    'Pengingat H-3, H-1 dan hari H ke OPD; lalu Kepala OPD (H+1), Kadis Kesehatan (H+5), Sekda (H+10), dalam hari kerja.',
    '[{"workingDaysFromDue":-3,"to":["candidate-group"]},{"workingDaysFromDue":-1,"to":["candidate-group"]},{"workingDaysFromDue":0,"to":["candidate-group"]},{"workingDaysFromDue":1,"to":["kepala-opd"]},{"workingDaysFromDue":5,"to":["leader:kadis-kesehatan"]},{"workingDaysFromDue":10,"to":["leader:sekda"]}]',
    '2023-01-01T00:00:00Z');
