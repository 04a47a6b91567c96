-- What the store's derived data (post.hashtags, post_day) was computed with: a fingerprint of the
-- definitions and of DuckDB (whose ICU holds the time-zone rules). impact.store.connection computes it all
-- again when a release changes one of them, so a day sum never keeps an old definition.
CREATE TABLE derived_state (
    name VARCHAR PRIMARY KEY,
    fingerprint VARCHAR NOT NULL,
    computed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
