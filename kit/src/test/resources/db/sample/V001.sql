-- a table with a foreign key, to see that foreign keys are enforced
CREATE TABLE owner (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE item (
    id       INTEGER PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES owner (id),
    value    INTEGER NOT NULL
);
