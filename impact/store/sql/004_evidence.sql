-- Evidence beside the numbers: the stories, quotes, photos and testimonials that tell a funder what
-- changed, attached to a campaign. Text is kept as typed and escaped where it is shown.
CREATE SEQUENCE evidence_id START 1;
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY DEFAULT nextval('evidence_id'),
    campaign_id INTEGER NOT NULL,
    kind VARCHAR NOT NULL,          -- a key of impact.evidence.EVIDENCE_KINDS
    title VARCHAR,
    body VARCHAR,
    url VARCHAR,                    -- http(s) only, checked before it is stored
    attributed_to VARCHAR,
    day DATE,                       -- when it happened or was said
    added_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
