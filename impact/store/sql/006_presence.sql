-- Funders (METRICS.md, "Web presence"): portfolios of grantees, the weights a funder gives the
-- web-presence components, and benchmark figures a funder enters with their source.

-- A named group of organisations a funder follows (a cohort, a workshop, a state, a programme),
-- with free tags to find it by.
CREATE SEQUENCE portfolio_id START 1;
CREATE TABLE portfolio (
    id INTEGER PRIMARY KEY DEFAULT nextval('portfolio_id'),
    name VARCHAR NOT NULL UNIQUE,
    description VARCHAR,
    tags VARCHAR[] NOT NULL DEFAULT [],
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE portfolio_member (
    portfolio_id INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    UNIQUE (portfolio_id, organisation_id)
);

-- The weight of each web-presence component. portfolio_id 0 holds the store's own weights (the
-- organisation pages); a portfolio's rows are its funder's. No row: the default weight.
CREATE TABLE presence_weight (
    portfolio_id INTEGER NOT NULL,
    component VARCHAR NOT NULL,      -- a key of impact.presence.COMPONENTS
    weight DOUBLE NOT NULL,
    UNIQUE (portfolio_id, component)
);

-- A funder's own benchmark for a component's raw figure, with where it comes from. Nothing is
-- hard-coded: unverified sector figures stay out of the product.
CREATE SEQUENCE benchmark_id START 1;
CREATE TABLE benchmark (
    id INTEGER PRIMARY KEY DEFAULT nextval('benchmark_id'),
    portfolio_id INTEGER NOT NULL,
    component VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    source VARCHAR NOT NULL,
    as_of DATE,
    note VARCHAR,
    UNIQUE (portfolio_id, component)
);
