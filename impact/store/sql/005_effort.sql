-- Effort settings (METRICS.md, "Effort and return"). The organisation's daily budget and staff
-- hourly value are on `organisation` since 001; volunteer time gets its own value, with the source
-- and year of the published figure it comes from, so the page can say where it came from.
ALTER TABLE organisation ADD COLUMN volunteer_hour_value DOUBLE;
ALTER TABLE organisation ADD COLUMN volunteer_value_currency VARCHAR;
ALTER TABLE organisation ADD COLUMN volunteer_value_source VARCHAR;
ALTER TABLE organisation ADD COLUMN volunteer_value_year INTEGER;

-- The people in the time log: staff or volunteer (which hourly value their time costs), and an
-- optional daily budget of their own. Names match time_entry.person exactly.
CREATE TABLE person (
    organisation_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    role VARCHAR NOT NULL DEFAULT 'staff',   -- staff | volunteer
    daily_budget_minutes INTEGER,
    UNIQUE (organisation_id, name)
);
