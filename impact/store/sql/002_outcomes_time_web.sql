-- Outcomes, the time log and website traffic become imported tables like `post`: every file's
-- rows are kept as observations, and the current table is derived from them, so a re-upload or
-- an overlapping export never double counts and a batch can be undone. The 001 tables were
-- never filled (no connector wrote them), so they are replaced.

DROP TABLE outcome;
DROP SEQUENCE outcome_id;
DROP TABLE time_entry;
DROP SEQUENCE time_entry_id;

-- Newsletters: a campaign is a post on the `email` platform.
ALTER TABLE post_observation ADD COLUMN sends BIGINT;
ALTER TABLE post_observation ADD COLUMN opens BIGINT;
ALTER TABLE post ADD COLUMN sends BIGINT;
ALTER TABLE post ADD COLUMN opens BIGINT;

-- What supporters did. `platform` is the system that recorded it (paypal, razorpay, manual, ...);
-- `channel` is the social platform or website that brought it, where the record says so.
CREATE TABLE outcome_observation (
    batch_id INTEGER NOT NULL,
    as_of TIMESTAMP NOT NULL,
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    account_id INTEGER NOT NULL,
    reference VARCHAR NOT NULL,     -- the transaction id, unique within the platform
    occurred_at TIMESTAMP,
    kind VARCHAR,                   -- donation | refund | volunteer | signup | petition
    amount DECIMAL(18, 2),          -- refunds are negative
    currency VARCHAR,
    quantity INTEGER,
    donor VARCHAR,                  -- a hash of the donor's e-mail or name: counts donors, names no one
    campaign VARCHAR,
    channel VARCHAR,
    note VARCHAR,
    extra JSON
);
CREATE TABLE outcome AS SELECT * FROM outcome_observation WITH NO DATA;

-- Hours spent. `platform` is the tool the log came from (toggl, clockify, template, manual);
-- `channel` the social platform the time was spent on.
CREATE TABLE time_entry_observation (
    batch_id INTEGER NOT NULL,
    as_of TIMESTAMP NOT NULL,
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    account_id INTEGER NOT NULL,
    entry_key VARCHAR NOT NULL,     -- person + start (or day + details + occurrence in the file)
    day DATE,
    started_at TIMESTAMP,
    person VARCHAR,
    channel VARCHAR,
    activity VARCHAR,               -- create | engage | listen | measure (METRICS.md, effort)
    minutes DOUBLE,
    campaign VARCHAR,
    note VARCHAR,
    extra JSON
);
CREATE TABLE time_entry AS SELECT * FROM time_entry_observation WITH NO DATA;

-- Web analytics (GA4): one row per period and dimension value, e.g. sessions from
-- 'facebook / referral' between two dates, or views of '/donate'.
CREATE TABLE web_traffic_observation (
    batch_id INTEGER NOT NULL,
    as_of TIMESTAMP NOT NULL,
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,      -- website
    account_id INTEGER NOT NULL,    -- the GA4 property
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    dimension VARCHAR NOT NULL,     -- source_medium | page | date | channel_group | ...
    dimension_value VARCHAR NOT NULL,
    sessions BIGINT,
    users BIGINT,
    new_users BIGINT,
    views BIGINT,
    engaged_sessions BIGINT,
    key_events BIGINT,
    extra JSON
);
CREATE TABLE web_traffic AS SELECT * FROM web_traffic_observation WITH NO DATA;

-- Column mappings people made on the Upload page for files no connector knows, found again by
-- the file's header.
CREATE TABLE column_mapping (
    signature VARCHAR PRIMARY KEY,  -- the normalised header names, joined
    label VARCHAR NOT NULL,
    platform VARCHAR NOT NULL,
    target VARCHAR NOT NULL,        -- post | account_day | outcome
    mapping JSON NOT NULL,          -- canonical column -> {"source": header, "kind": ..., "formats": [...]}
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
