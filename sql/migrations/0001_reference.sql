-- Reference data: the unit hierarchy (central ministries, provincial bodies, departments,
-- communes) and the fields (lĩnh vực) each unit handles. Ids of seeded units are fixed so
-- that links and tests stay stable; units added later take ids from 100000 up.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE unit_kind AS ENUM ('central', 'province', 'department', 'commune');

CREATE SEQUENCE units_id_seq START WITH 100000;

CREATE TABLE units (
    id           integer PRIMARY KEY DEFAULT nextval('units_id_seq'),
    kind         unit_kind NOT NULL,
    code         text NOT NULL CHECK (code ~ '^[A-Z0-9-]{1,16}$'),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    commune_type text CHECK (commune_type IN ('xã', 'phường')),
    parent_id    integer REFERENCES units (id),
    merged_from  text,
    position     integer NOT NULL DEFAULT 0,
    UNIQUE (kind, code),
    CHECK ((kind = 'commune') = (commune_type IS NOT NULL))
);
ALTER SEQUENCE units_id_seq OWNED BY units.id;
CREATE INDEX units_parent_idx ON units (parent_id);

CREATE TABLE fields (
    slug     text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    position integer NOT NULL DEFAULT 0
);

CREATE TABLE unit_fields (
    unit_id    integer NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    field_slug text NOT NULL REFERENCES fields (slug) ON UPDATE CASCADE,
    PRIMARY KEY (unit_id, field_slug)
);
CREATE INDEX unit_fields_field_idx ON unit_fields (field_slug);
