-- The canonical store. Big tables carry no PRIMARY KEY: DuckDB's indexes make bulk upserts
-- slow, and ingest.py keeps keys unique itself (tests check it).

CREATE SEQUENCE organisation_id START 1;
CREATE TABLE organisation (
    id INTEGER PRIMARY KEY DEFAULT nextval('organisation_id'),
    name VARCHAR NOT NULL UNIQUE,
    base_url VARCHAR,
    timezone VARCHAR NOT NULL DEFAULT 'Asia/Kolkata',
    currency VARCHAR NOT NULL DEFAULT 'INR',
    daily_budget_minutes INTEGER,
    hourly_value DOUBLE,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE account_id START 1;
CREATE TABLE account (
    id INTEGER PRIMARY KEY DEFAULT nextval('account_id'),
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    handle VARCHAR NOT NULL,  -- '' when the export does not say whose account it is
    url VARCHAR,
    UNIQUE (organisation_id, platform, handle)
);

CREATE SEQUENCE import_batch_id START 1;
CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY DEFAULT nextval('import_batch_id'),
    organisation_id INTEGER NOT NULL,
    connector VARCHAR NOT NULL,
    platform VARCHAR NOT NULL,
    source_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    as_of TIMESTAMP NOT NULL,      -- the export's own date: the newest export's figures win
    rows_read BIGINT NOT NULL DEFAULT 0,
    rows_new BIGINT NOT NULL DEFAULT 0,
    rows_updated BIGINT NOT NULL DEFAULT 0,
    rows_unchanged BIGINT NOT NULL DEFAULT 0,
    rows_rejected BIGINT NOT NULL DEFAULT 0,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    imported_by VARCHAR,
    status VARCHAR NOT NULL,       -- imported | undone
    message VARCHAR
);

-- Rows of an imported file that were left out, and why (the first 1,000 per file).
CREATE TABLE import_rejection (
    batch_id INTEGER NOT NULL,
    line BIGINT,
    reason VARCHAR NOT NULL
);

-- Every file's figures for a post, as that file stated them. `post` is derived from it:
-- per column, the value from the newest export that has one. Undo deletes a batch's rows
-- here and derives the affected posts again.
CREATE TABLE post_observation (
    batch_id INTEGER NOT NULL,
    as_of TIMESTAMP NOT NULL,
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    post_id VARCHAR NOT NULL,
    account_id INTEGER NOT NULL,
    published_at TIMESTAMP,
    kind VARCHAR,
    text VARCHAR,
    url VARCHAR,
    impressions BIGINT,
    reach BIGINT,
    engagements BIGINT,
    likes BIGINT,
    comments BIGINT,
    shares BIGINT,
    saves BIGINT,
    clicks BIGINT,
    video_views BIGINT,
    watch_time_hours DOUBLE,
    extra JSON
);
CREATE TABLE post AS SELECT * FROM post_observation WITH NO DATA;

CREATE TABLE account_day_observation (
    batch_id INTEGER NOT NULL,
    as_of TIMESTAMP NOT NULL,
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    account_id INTEGER NOT NULL,
    day DATE NOT NULL,
    followers BIGINT,
    followers_gained BIGINT,
    followers_lost BIGINT,
    impressions BIGINT,
    reach BIGINT,
    engagements BIGINT,
    profile_views BIGINT,
    video_views BIGINT,
    watch_time_hours DOUBLE,
    posts_published BIGINT,
    extra JSON
);
CREATE TABLE account_day AS SELECT * FROM account_day_observation WITH NO DATA;

-- Outcomes (donations, volunteers, sign-ups) and the time log; filled by later connectors
-- and by hand.
CREATE SEQUENCE outcome_id START 1;
CREATE TABLE outcome (
    id INTEGER PRIMARY KEY DEFAULT nextval('outcome_id'),
    organisation_id INTEGER NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    kind VARCHAR NOT NULL,          -- donation | volunteer | signup | petition
    amount DECIMAL(18, 2),
    currency VARCHAR,
    quantity INTEGER NOT NULL DEFAULT 1,
    source_platform VARCHAR,
    campaign VARCHAR,
    reference VARCHAR,
    note VARCHAR,
    batch_id INTEGER
);

CREATE SEQUENCE time_entry_id START 1;
CREATE TABLE time_entry (
    id INTEGER PRIMARY KEY DEFAULT nextval('time_entry_id'),
    organisation_id INTEGER NOT NULL,
    day DATE NOT NULL,
    person VARCHAR NOT NULL,
    platform VARCHAR,
    activity VARCHAR,
    minutes INTEGER NOT NULL,
    campaign VARCHAR,
    note VARCHAR,
    batch_id INTEGER
);
