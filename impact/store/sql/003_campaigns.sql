-- Campaigns and their goals. A campaign says which posts are its own (hashtags, keywords, a UTM
-- campaign in links, or posts picked by hand) and which outcomes count (all in its dates, or only
-- those that name it).
CREATE SEQUENCE campaign_id START 1;
CREATE TABLE campaign (
    id INTEGER PRIMARY KEY DEFAULT nextval('campaign_id'),
    organisation_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    description VARCHAR,
    starts DATE NOT NULL,
    ends DATE NOT NULL,
    hashtags VARCHAR[] NOT NULL DEFAULT [],   -- lower-case, with '#'
    keywords VARCHAR[] NOT NULL DEFAULT [],   -- lower-case
    utm_campaign VARCHAR,                     -- matched in post links (utm_campaign=...)
    outcomes_named_only BOOLEAN NOT NULL DEFAULT false,
    archived BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (organisation_id, name)
);

-- Posts picked by hand for a campaign.
CREATE TABLE campaign_post (
    campaign_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    post_id VARCHAR NOT NULL,
    UNIQUE (campaign_id, platform, post_id)
);

CREATE SEQUENCE goal_id START 1;
CREATE TABLE goal (
    id INTEGER PRIMARY KEY DEFAULT nextval('goal_id'),
    campaign_id INTEGER NOT NULL,
    metric VARCHAR NOT NULL,       -- a key of impact.goals.GOAL_METRICS
    target DOUBLE NOT NULL,
    UNIQUE (campaign_id, metric)
);
