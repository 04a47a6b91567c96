-- Each current post's hashtags, computed as the row is written (impact.store.derived), so the Content
-- page's hashtag table does not run a regular expression over the period's posts on every visit.
-- impact.store.connection fills them for the posts already in the store right after this migration.
ALTER TABLE post ADD COLUMN hashtags VARCHAR[];
