-- 0006: the leaders directory (the escalation ladder above the OPDs: Kadis Kesehatan, Sekda, Kepala Bappeda...).

CREATE TABLE leaders (
    role text NOT NULL,
    name text NOT NULL,
    title text,
    email text,
    user_name text,
    active boolean NOT NULL,
    CONSTRAINT pk_leaders PRIMARY KEY (role)
);
