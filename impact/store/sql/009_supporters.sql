-- Supporters (issue 17): the people outside the organisation behind its interactions, and who they are
-- across platforms. A handle (platform, handle) of the interaction table is a supporter of its own until
-- someone confirms that handles on several platforms are one person: only then is there a supporter row.

-- The audience of the person behind an interaction (their followers), where the API or file gives it;
-- and the organisation's local day of an interaction known only by its day (the interactions template),
-- which no time zone moves.
ALTER TABLE interaction_observation ADD COLUMN person_followers BIGINT;
ALTER TABLE interaction ADD COLUMN person_followers BIGINT;
ALTER TABLE interaction_observation ADD COLUMN occurred_on DATE;
ALTER TABLE interaction ADD COLUMN occurred_on DATE;

-- A person confirmed by someone of the organisation: a name, the donation files' donor hash (the short
-- SHA-256 of an e-mail, as the donation connectors keep it) when confirmed to be a donor, and the time
-- log's name of a volunteer when confirmed to be one.
CREATE SEQUENCE supporter_id START 1;
CREATE TABLE supporter (
    id INTEGER PRIMARY KEY DEFAULT nextval('supporter_id'),
    organisation_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    donor VARCHAR,
    volunteer VARCHAR,
    confirmed_by VARCHAR NOT NULL,
    confirmed_at TIMESTAMP NOT NULL
);
-- The handles confirmed to be one supporter; a handle belongs to at most one.
CREATE TABLE supporter_handle (
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    handle VARCHAR NOT NULL,
    supporter_id INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, platform, handle)
);
-- Handles erased at a person's request: only a hash, so the erased handle is not kept; interactions of
-- these handles are deleted on every import, so re-importing the same files does not bring them back.
CREATE TABLE supporter_erased (
    organisation_id INTEGER NOT NULL,
    platform VARCHAR NOT NULL,
    handle_hash VARCHAR NOT NULL,
    erased_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, platform, handle_hash)
);
