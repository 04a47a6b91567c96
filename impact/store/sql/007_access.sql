-- Serving many people (IMPACT_AUTH=password or oidc): who may sign in, what each may read and
-- change, read-only share links, and the audit log. Local mode (the default) uses none of these.

-- A person who may sign in. role: admin (everything, accounts), editor or viewer (of the
-- organisations granted below), funder (of the portfolios granted below). password_hash is an
-- argon2 hash, NULL for someone who signs in only through the identity provider (oidc).
CREATE SEQUENCE app_user_id START 1;
CREATE TABLE app_user (
    id INTEGER PRIMARY KEY DEFAULT nextval('app_user_id'),
    email VARCHAR NOT NULL UNIQUE,       -- lower case
    role VARCHAR NOT NULL CHECK (role IN ('admin', 'editor', 'viewer', 'funder')),
    password_hash VARCHAR,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,   -- wrong passwords in a row
    locked_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
-- The organisations an editor or viewer has, and the portfolios a funder has. Rows go with their
-- organisation, portfolio or person (no foreign keys: DuckDB cannot cascade).
CREATE TABLE app_user_organisation (
    user_id INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    UNIQUE (user_id, organisation_id)
);
CREATE TABLE app_user_portfolio (
    user_id INTEGER NOT NULL,
    portfolio_id INTEGER NOT NULL,
    UNIQUE (user_id, portfolio_id)
);

-- A read-only link to one organisation's pages. Only the token's SHA-256 is kept: the token itself
-- is shown once, to whoever creates the link.
CREATE SEQUENCE share_link_id START 1;
CREATE TABLE share_link (
    id INTEGER PRIMARY KEY DEFAULT nextval('share_link_id'),
    token_sha256 VARCHAR NOT NULL UNIQUE,
    organisation_id INTEGER NOT NULL,
    period_start DATE,                    -- a fixed period the link shows, or NULL: the sidebar's choice
    period_end DATE,
    created_by VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    last_used_at TIMESTAMP
);

-- Who did what, when, to which organisation: imports, undo, edits, sign-ins (and failed ones),
-- share links created, used and revoked, accounts added and removed.
CREATE SEQUENCE audit_event_id START 1;
CREATE TABLE audit_event (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_event_id'),
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,               -- an e-mail, "share link 3", "command line" or "local"
    action VARCHAR NOT NULL,
    organisation_id INTEGER,
    detail VARCHAR NOT NULL DEFAULT ''
);
