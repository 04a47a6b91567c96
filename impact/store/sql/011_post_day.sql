-- Each organisation's posts summed per platform and local day (impact.definitions.sql.POST_DAY_SUMS), so
-- the scorecard and the Portfolio add up a period's days instead of moving every post's time to the
-- organisation's clock on each visit. Not observed: computed from `post` whenever an organisation's posts
-- change (impact.store.derived.sum_post_days), and for the posts already in a store right after this
-- migration. No key: an organisation's rows are deleted and written again together.
CREATE TABLE post_day (
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    day DATE,                       -- the organisation's local day; NULL: posts without a publication time
    posts BIGINT NOT NULL,
    impressions BIGINT,
    rated_impressions BIGINT,       -- of the posts that report impressions (> 0) and engagements
    rated_engagements BIGINT,
    replies_reported BIGINT NOT NULL,  -- posts whose export reports replies or comments
    replied BIGINT NOT NULL,        -- those with at least one
    linking BIGINT                  -- posts linking to the website; NULL when the organisation has no address
);
