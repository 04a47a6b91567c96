-- Listening and syncing (issue 16): the sources a store pulls from, their secrets (encrypted), the
-- mentions that listening feeds bring, and the people behind public interactions.

-- A feed or an account to pull from, for one organisation. kind: rss | mastodon | bluesky | youtube |
-- facebook | instagram; target: the feed's URL, user@server, a handle, a channel or account id;
-- role: for rss, blog (its items are posts on the base platform) or mentions (listening).
CREATE SEQUENCE source_id START 1;
CREATE TABLE source (
    id INTEGER PRIMARY KEY DEFAULT nextval('source_id'),
    organisation_id INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    role VARCHAR NOT NULL DEFAULT '',
    base_url VARCHAR,                      -- another server than the API's own (tests: a local one)
    secret_hint VARCHAR,                   -- the last 4 characters of its key or token, to recognise it
    state JSON,                            -- ETag, Last-Modified, cursors: what makes the next pull incremental
    refused_metrics VARCHAR[] NOT NULL DEFAULT [],
    created_at TIMESTAMP NOT NULL,
    last_synced_at TIMESTAMP,
    last_status VARCHAR,                   -- synced | unchanged | failed
    last_message VARCHAR,
    UNIQUE (organisation_id, kind, target, role)
);
-- A source's key or token, encrypted (Fernet) with a key kept outside the store; hidden from every
-- restricted cursor, left out of packages.
CREATE TABLE source_secret (
    source_id INTEGER PRIMARY KEY,
    ciphertext VARCHAR NOT NULL
);

-- Items of listening feeds (Google Alerts, news searches, any RSS or Atom feed): someone wrote about
-- the organisation. platform 'web'; the account is the feed.
CREATE TABLE mention_observation (
    batch_id INTEGER NOT NULL,
    as_of TIMESTAMP NOT NULL,
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    mention_id VARCHAR NOT NULL,           -- the entry's id or guid, else its link
    account_id INTEGER NOT NULL,
    published_at TIMESTAMP,                -- UTC
    url VARCHAR,                           -- the target of a redirect link (Google Alerts), else the link
    title VARCHAR,
    text VARCHAR,                          -- the summary as plain text
    author VARCHAR,
    keywords VARCHAR,                      -- what the feed listens for (an alert's query)
    extra JSON
);
CREATE TABLE mention AS SELECT * FROM mention_observation WITH NO DATA;

-- The people behind public interactions with the organisation's posts (who boosted, favourited,
-- liked, reposted, quoted, replied, commented), fetched for recent posts by API sources.
CREATE TABLE interaction_observation (
    batch_id INTEGER NOT NULL,
    as_of TIMESTAMP NOT NULL,
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    interaction_id VARCHAR NOT NULL,       -- post id, kind and person: one interaction counted once
    account_id INTEGER NOT NULL,
    post_id VARCHAR NOT NULL,
    person_handle VARCHAR NOT NULL,
    person_name VARCHAR,
    kind VARCHAR NOT NULL,                 -- reblog | favourite | like | repost | quote | reply | comment
    occurred_at TIMESTAMP,                 -- UTC, when the API says (likes and boosts often have none)
    extra JSON
);
CREATE TABLE interaction AS SELECT * FROM interaction_observation WITH NO DATA;
