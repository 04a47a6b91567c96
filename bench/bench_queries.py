"""Benchmark: every query behind the dashboard's pages, and each page's calls together, on a large store.

Run by hand from the project root:

    .venv/bin/python bench/bench_queries.py                 # 20 organisations: ~1M posts, ~2M account-days
    .venv/bin/python bench/bench_queries.py --size 10m      # 200 organisations: ~10M posts (its own files)
    .venv/bin/python bench/bench_queries.py --runs 5        # a quicker timing pass
    .venv/bin/python bench/bench_queries.py --explain       # also EXPLAIN ANALYZE every statement of a row over its goal

One run:
  1. generates bench/out/queries-store.duckdb (queries-store-10m.duckdb for --size 10m) with the real schema
     (impact.store.connection.connect applies the migrations), or reuses it when its .json says it was made with
     the same parameters. Every table is filled by a few INSERT ... SELECT statements over range(); the "random"
     numbers are hashes of the row's key, so the store is the same on every run and every thread count (random()
     after setseed() is not reproducible once DuckDB runs a statement on several threads);
  2. times every query function the pages call, listed explicitly in queries(), and each page's calls in order on
     one connection (page_runs()), each run on a fresh connection from impact.store.connection.connect (as the app
     opens one per page run), with the sidebar's default filters: the largest organisation, the last 12 months up
     to its latest day with data, all its platforms;
  3. prints a table (median, p95, max and CPU ms) with each row's goal from issue 18 and PASS/FAIL: every query
     under 100 ms median (the goal is set on the 10M store), each page under 150 ms median on the 1M store; writes
     bench/out/queries.json (queries-10m.json), and exits 1 when a row misses its goal.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from impact.campaigns import chain, comparison, goals, plan
from impact.campaigns import screens as campaign_screens
from impact.campaigns.evidence import evidence_for
from impact.definitions import sql
from impact.figures import content, listening, reach, summary, website
from impact.figures import overview as metrics
from impact.filters import Filters
from impact.presence import portfolio as portfolios
from impact.presence import scorecard
from impact.presence.scorecard import presence_screen
from impact.store import connection as db
from impact.store import derived, history, manual, orgs
from impact.supporters import identity, ladder, ranking
from impact.supporters.screen import people_screen
from impact.time import budget as effort
from impact.time import per_hour as returns
from impact.time import roi
from impact.time import screens as time_screens

OUT = ROOT / "bench" / "out"
# The 1M-post store (20 organisations); --size 10m has files of its own, so both are kept.
STORE = OUT / "queries-store.duckdb"
STORE_PARAMS = OUT / "queries-store.json"
RESULTS = OUT / "queries.json"
SIZES = {"1m": 20, "10m": 200}  # named sizes: organisations (x 3 years x 6 platforms x 15 accounts)
GENERATOR_VERSION = 3
# Issue 18's goals: every query under 100 ms median on the 10M-post store; each page's queries together
# under 150 ms on the 1M-post store.
QUERY_GOAL_MS = 100.0
PAGE_GOAL_MS = 150.0
PAGE_GOAL_STORE = "1m"
# Generation may use more memory than the product's default (the timed queries run with the default).
GENERATION_MEMORY_LIMIT = "8GB"


def use_size(size: str) -> None:
    """Point STORE, STORE_PARAMS and RESULTS at the files of a named size (1m keeps the original names)."""
    global STORE, STORE_PARAMS, RESULTS
    suffix = "" if size == "1m" else f"-{size}"
    STORE = OUT / f"queries-store{suffix}.duckdb"
    STORE_PARAMS = OUT / f"queries-store{suffix}.json"
    RESULTS = OUT / f"queries{suffix}.json"


PLATFORMS = ("x", "facebook", "instagram", "youtube", "linkedin", "tiktok")
# A fixed last day, so the store (and the default 12-month period) is the same whenever it is made.
LAST_DAY = date(2026, 11, 25)


# --------------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------------

# u(key, salt): a uniform number in [0, 1) from 53 bits of a hash; z(key, salt): a standard normal one
# (Box-Muller). Deterministic for a key, whatever the thread count. Keys stay below 2**50 and salts below
# 2000; one hash of key * 4096 + salt, because hash(key, salt) with two arguments gives numbers that are
# correlated across salts (0.59 for salts 1 and 2).
_MACROS = """
CREATE OR REPLACE TEMP MACRO u(k, salt) AS CAST(hash(CAST(k AS BIGINT) * 4096 + salt) >> 11 AS DOUBLE) / 9007199254740992.0;
CREATE OR REPLACE TEMP MACRO z(k, salt) AS sqrt(-2 * ln(1 - u(k, salt))) * cos(2 * pi() * u(k, salt + 2000));
CREATE OR REPLACE TEMP MACRO pick(options, x) AS options[1 + CAST(floor(x * len(options)) AS INTEGER)];
"""

# Organisations differ in size: activity runs from 0.5 (org 1) to 1.5 (the last), mean 1.
_ORGANISATIONS = """
INSERT INTO organisation (id, name, base_url, timezone, currency, daily_budget_minutes, hourly_value)
SELECT o, printf('Bench org %02d', o), printf('https://bench%02d.example.org', o),
       ['Asia/Kolkata', 'Europe/London', 'America/New_York', 'Africa/Nairobi'][1 + o % 4],
       ['INR', 'GBP', 'USD', 'KES'][1 + o % 4], 240, [500.0, 20.0, 25.0, 800.0][1 + o % 4]
FROM range(1, $orgs + 1) t(o)
"""

# Every organisation has `accounts` chapter accounts on each social platform, plus a website (GA4), a
# payments account and a time log. Account ids are assigned here so later keys can be computed from them.
_ACCOUNTS = """
INSERT INTO account (id, organisation_id, platform, handle)
SELECT row_number() OVER (ORDER BY o, p_index, c), o, platform, handle FROM (
    SELECT o, p_index, c, ($platforms)[p_index] AS platform,
           printf('bench%02d_%s_%02d', o, ($platforms)[p_index], c) AS handle
    FROM range(1, $orgs + 1) a(o), range(1, len($platforms) + 1) b(p_index), range(1, $accounts + 1) d(c)
    UNION ALL
    SELECT o, 100 + k, 1, ['website', 'razorpay', 'template'][k], printf('bench%02d', o)
    FROM range(1, $orgs + 1) a(o), range(1, 4) b(k)
)
"""

# One row per social account and day, with the number of posts published that day: a mean that
# depends on the platform (X busiest, YouTube quietest), the weekday and the organisation, and an
# exponential spread around it (floor(mean * Exp(1) + U) has exactly that mean).
_ACCOUNT_DAYS = """
CREATE TEMP TABLE gen_day AS
SELECT a.organisation_id, a.platform, a.id AS account_id, CAST($last_day - INTERVAL (t.i) DAY AS DATE) AS day,
       t.i, a.id * 10000 + t.i AS k,
       0.5 + (a.organisation_id - 1) / greatest($orgs - 1, 1) AS activity,
       CAST(floor(
           CASE a.platform WHEN 'x' THEN 1.0 WHEN 'facebook' THEN 0.6 WHEN 'instagram' THEN 0.5
                           WHEN 'linkedin' THEN 0.3 WHEN 'tiktok' THEN 0.35 ELSE 0.3 END
           * (0.5 + (a.organisation_id - 1) / greatest($orgs - 1, 1))
           * CASE WHEN dayofweek($last_day - INTERVAL (t.i) DAY) IN (0, 6) THEN 0.6 ELSE 1.16 END
           * -ln(1 - u(a.id * 10000 + t.i, 1)) + u(a.id * 10000 + t.i, 2)) AS INTEGER) AS n_posts,
       -- How big the account is, and how fast it grows: skewed, a few large accounts.
       100 + 20000 * pow(u(a.id, 3), 3) AS size,
       0.2 + 8 * pow(u(a.id, 4), 2) AS growth
FROM account a, range($days) t(i)
WHERE a.platform IN (SELECT unnest($platforms))
"""

_ACCOUNT_DAY_INSERT = """
INSERT INTO account_day (organisation_id, platform, account_id, day, followers, followers_gained, followers_lost,
                         impressions, reach, engagements, profile_views, video_views, watch_time_hours,
                         posts_published, extra)
SELECT organisation_id, platform, account_id, day,
       -- Totals where the platform's export gives them; gained/lost where it gives flows.
       CASE WHEN platform IN ('facebook', 'instagram', 'linkedin', 'tiktok')
            THEN CAST(size * 3 + growth * ($days - i) + 4 * z(k, 10) AS BIGINT) END,
       CASE WHEN platform IN ('x', 'youtube', 'facebook')
            THEN CAST(floor(growth * 1.5 * u(k, 11) * 2) AS BIGINT) END,
       CASE WHEN platform IN ('x', 'youtube', 'facebook')
            THEN CAST(floor(growth * 0.5 * u(k, 12) * 2) AS BIGINT) END,
       CASE WHEN platform <> 'tiktok' THEN CAST(exp(ln(size * 0.3 * activity + 20) + 0.8 * z(k, 13)) AS BIGINT) END AS imp,
       -- Daily reach on Facebook and Instagram only, missing on some days (not reported is NULL, not 0).
       CASE WHEN platform IN ('facebook', 'instagram') AND u(k, 14) > 0.05
            THEN CAST(exp(ln(size * 0.3 * activity + 20) + 0.8 * z(k, 13)) * (0.45 + 0.35 * u(k, 15)) AS BIGINT) END,
       CASE WHEN platform NOT IN ('youtube', 'tiktok')
            THEN CAST(exp(ln(size * 0.3 * activity + 20) + 0.8 * z(k, 13)) * 0.04 * u(k, 16) AS BIGINT) END,
       CASE WHEN platform IN ('x', 'instagram', 'linkedin') THEN CAST(size * 0.01 * u(k, 17) * 3 AS BIGINT) END,
       CASE WHEN platform IN ('youtube', 'tiktok', 'facebook')
            THEN CAST(exp(ln(size * 0.1 * activity + 10) + 1.0 * z(k, 18)) AS BIGINT) END,
       CASE WHEN platform = 'youtube' THEN round(exp(ln(size * 0.1 * activity + 10) + 1.0 * z(k, 18)) * 0.04, 3) END,
       n_posts, NULL
FROM gen_day
{order_by:ORDER BY i // 365 DESC, organisation_id, platform, account_id, day}
"""

_HASHTAGS = [
    "EveryChildInSchool", "ClimateAction", "GirlsEducation", "CleanWater", "FloodRelief", "Volunteer",
    "MentalHealthMatters", "WomenInSTEM", "FoodSecurity", "Literacy", "HealthForAll", "ZeroHunger",
    "Donate", "GivingTuesday", "CommunityFirst", "PinkOctober", "Sanitation", "SkillIndia", "YouthVoices",
    "RightToPlay", "SaveTheRivers", "TreePlanting", "DisabilityInclusion", "RuralHealth", "Menstrual",
    "Scholarships", "Nutrition", "ChildRights", "ImpactReport", "ThankYou", "Monsoon", "BackToSchool",
    "WorldWaterDay", "EarthDay", "InternationalWomensDay", "Fundraiser", "Campaign2026", "Stories",
    "FieldNotes", "Partners",
]  # fmt: skip

# Posts: n_posts rows per account-day. Impressions are log-normal per account (a few posts go far);
# reach exists on Facebook and Instagram only and is missing for some posts; TikTok reports views,
# not impressions. X and LinkedIn times are UTC, Facebook and Instagram local, YouTube and TikTok a date.
_POSTS = """
INSERT INTO post (organisation_id, platform, post_id, account_id, published_at, kind, text, url, impressions, reach,
                  engagements, likes, comments, shares, saves, clicks, video_views, watch_time_hours, extra,
                  sends, opens)
WITH p AS (
    SELECT organisation_id, platform, account_id, day, size, activity, k * 64 + j AS pk, j
    FROM (SELECT *, unnest(range(n_posts)) AS j FROM gen_day WHERE n_posts > 0)
), q AS (
    SELECT *,
        CASE platform
            WHEN 'x' THEN pick(['Tweet', 'Reply', 'Quote'], u(pk, 20))
            WHEN 'facebook' THEN pick(['Photos', 'Photos', 'Links', 'Reels', 'Videos', 'Status'], u(pk, 20))
            WHEN 'instagram' THEN pick(['IG image', 'IG image', 'IG carousel', 'IG reel'], u(pk, 20))
            WHEN 'youtube' THEN pick(['Video', 'Short', 'Short'], u(pk, 20))
            WHEN 'linkedin' THEN pick(['Image', 'Article', 'Video', 'Text'], u(pk, 20))
            ELSE 'Video' END AS kind,
        CASE WHEN platform = 'tiktok' OR u(pk, 21) < 0.02 THEN NULL
             ELSE CAST(exp(ln(size * 0.5 * activity + 30) + 1.2 * z(pk, 22)) AS BIGINT) END AS imp
    FROM p
)
SELECT organisation_id, platform,
       CASE platform WHEN 'x' THEN CAST(1500000000000000000 + pk AS VARCHAR)
                     ELSE printf('%d_%d', account_id, pk) END AS post_id,
       account_id,
       CASE WHEN platform IN ('youtube', 'tiktok') THEN CAST(day AS TIMESTAMP)
            ELSE CAST(day AS TIMESTAMP) + INTERVAL (CAST(floor(7 * 3600 + 15 * 3600 * u(pk, 23)) AS INTEGER)) SECOND
       END,
       kind,
       concat(
           pick(['Field visit in', 'Teacher training in', 'Health camp in', 'Thank you,', 'New report from',
                 'Volunteers needed in', 'Stories from', 'Flood relief update:', 'Week 3 in', 'Meet the team in'],
                u(pk, 24)), ' ',
           pick(['Pune', 'Lucknow', 'Majuli', 'Nairobi', 'Leeds', 'Bronx', 'Guwahati', 'Kisumu', 'Wagholi',
                 'Chinhat', 'Dhubri', 'Mombasa'], u(pk, 25)),
           ': ', CAST(5 + floor(400 * u(pk, 26)) AS INTEGER), ' people reached through our programme this week.',
           -- 0 to 3 hashtags; popular ones far more often (u squared).
           CASE WHEN u(pk, 27) < 0.85 THEN ' #' || pick($hashtags, pow(u(pk, 28), 2)) ELSE '' END,
           CASE WHEN u(pk, 29) < 0.55 THEN ' #' || pick($hashtags, pow(u(pk, 30), 2)) ELSE '' END,
           CASE WHEN u(pk, 31) < 0.25 THEN ' #' || pick($hashtags, u(pk, 32)) ELSE '' END,
           CASE WHEN u(pk, 33) < 0.3 THEN ' https://bench.example.org/stories/' || pk ELSE '' END),
       printf('https://%s.example/%d/%d', platform, account_id, pk),
       imp,
       CASE WHEN platform IN ('facebook', 'instagram') AND imp IS NOT NULL AND u(pk, 34) > 0.1
            THEN CAST(imp * (0.55 + 0.35 * u(pk, 35)) AS BIGINT) END,
       CASE WHEN u(pk, 36) < 0.03 THEN NULL
            WHEN imp IS NULL THEN CAST(exp(ln(size * 0.02 + 2) + 1.0 * z(pk, 37)) AS BIGINT)
            ELSE CAST(imp * 0.035 * exp(0.6 * z(pk, 37)) AS BIGINT) END AS eng,
       CAST(floor(coalesce(imp * 0.02, size * 0.01) * u(pk, 38)) AS BIGINT),
       CAST(floor(coalesce(imp * 0.002, size * 0.001) * u(pk, 39)) AS BIGINT),
       CAST(floor(coalesce(imp * 0.002, size * 0.001) * u(pk, 40)) AS BIGINT),
       CASE WHEN platform = 'instagram' THEN CAST(floor(coalesce(imp, 0) * 0.003 * u(pk, 41)) AS BIGINT) END,
       CASE WHEN platform IN ('x', 'linkedin', 'facebook') THEN CAST(floor(coalesce(imp, 0) * 0.005 * u(pk, 42)) AS BIGINT) END,
       CASE WHEN platform IN ('youtube', 'tiktok') OR kind IN ('Reels', 'Videos', 'IG reel', 'Video')
            THEN CAST(exp(ln(size * 0.4 * activity + 20) + 1.3 * z(pk, 43)) AS BIGINT) END,
       CASE WHEN platform IN ('youtube', 'tiktok')
            THEN round(exp(ln(size * 0.4 * activity + 20) + 1.3 * z(pk, 43)) * 0.02, 3) END,
       NULL, NULL, NULL
FROM q
{order_by:ORDER BY datediff('day', day, $last_day) // 365 DESC, organisation_id, platform, account_id, 5}
"""

# GA4: a date report (one row a day) and, per calendar month, reports by source / medium, first user
# source / medium, channel group and page, as the connector stores them (connectors/ga4_csv.py).
_WEB_TRAFFIC = """
INSERT INTO web_traffic (organisation_id, platform, account_id, period_start, period_end, dimension, dimension_value,
                         sessions, users, new_users, views, engaged_sessions, key_events, extra)
WITH site AS (
    SELECT organisation_id, id AS account_id, 0.5 + (organisation_id - 1) / greatest($orgs - 1, 1) AS activity
    FROM account WHERE platform = 'website'
), daily AS (
    SELECT s.*, CAST($last_day - INTERVAL (t.i) DAY AS DATE) AS day, s.account_id * 10000 + t.i AS k
    FROM site s, range($days) t(i)
), months AS (
    SELECT s.*, CAST(m AS DATE) AS period_start,
           CAST(least(m + INTERVAL 1 MONTH - INTERVAL 1 DAY, CAST($last_day AS TIMESTAMP)) AS DATE) AS period_end,
           s.account_id * 1000 + row_number() OVER (PARTITION BY s.account_id ORDER BY m) AS mk
    FROM site s, range(date_trunc('month', CAST($last_day - INTERVAL ($days - 1) DAY AS DATE)),
                       CAST($last_day AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(m)
), dims AS (
    SELECT * FROM (VALUES ('source_medium', 1, 150), ('first_user_source_medium', 2, 150), ('channel_group', 3, 10),
                          ('page', 4, 400)) v(dimension, dimension_index, values_count)
), ranked AS (
    SELECT m.*, d.dimension, d.dimension_index, unnest(range(1, d.values_count + 1)) AS rank FROM months m, dims d
), report_rows AS (
    SELECT *, (mk * 8 + dimension_index) * 1000 + rank AS rk FROM ranked
)
SELECT * FROM (
SELECT organisation_id, 'website', account_id, day AS period_start, day AS period_end, 'date' AS dimension, '',
       CAST(300 * activity * exp(0.4 * z(k, 50)) AS BIGINT) AS s, CAST(250 * activity * exp(0.4 * z(k, 50)) AS BIGINT),
       CAST(180 * activity * exp(0.4 * z(k, 50)) AS BIGINT), CAST(900 * activity * exp(0.4 * z(k, 50)) AS BIGINT),
       CAST(170 * activity * exp(0.4 * z(k, 50)) AS BIGINT), CAST(4 * activity * exp(0.4 * z(k, 50)) * u(k, 51) AS BIGINT), NULL
FROM daily
UNION ALL
SELECT organisation_id, 'website', account_id, period_start, period_end, dimension,
       CASE dimension
           WHEN 'page' THEN CASE WHEN rank = 1 THEN '/' WHEN rank = 2 THEN '/donate' WHEN rank = 3 THEN '/donate/thank-you'
                                 ELSE printf('/stories/%d-story', rank) END
           WHEN 'channel_group' THEN ['Organic Social', 'Direct', 'Organic Search', 'Referral', 'Email', 'Paid Social',
                                      'Paid Search', 'Unassigned', 'Organic Video', 'Display'][rank]
           ELSE CASE WHEN rank <= 8 THEN ['google / organic', '(direct) / (none)', 'facebook.com / referral',
                                          'l.instagram.com / referral', 't.co / referral', 'newsletter / email',
                                          'linkedin.com / referral', 'youtube.com / referral'][rank]
                     ELSE printf('site%d.example / referral', rank) END
       END,
       -- Zipf-like: the first values bring most sessions.
       CAST(9000 * activity / pow(rank, 1.1) * exp(0.3 * z(rk, 52)) AS BIGINT),
       CAST(7000 * activity / pow(rank, 1.1) * exp(0.3 * z(rk, 52)) AS BIGINT),
       CAST(5000 * activity / pow(rank, 1.1) * exp(0.3 * z(rk, 52)) AS BIGINT),
       CAST(20000 * activity / pow(rank, 1.1) * exp(0.3 * z(rk, 52)) AS BIGINT),
       CAST(5500 * activity / pow(rank, 1.1) * exp(0.3 * z(rk, 52)) AS BIGINT),
       CAST(100 * activity / pow(rank, 1.1) * u(rk, 53) AS BIGINT), NULL
FROM report_rows
)
{order_by:ORDER BY datediff('day', period_end, $last_day) // 365 DESC, organisation_id, dimension, period_start}
"""

# Donations: about 10 a day for an average organisation, 2 % refunded, 30 % attributed to a channel.
_OUTCOMES = """
INSERT INTO outcome (organisation_id, platform, account_id, reference, occurred_at, kind, amount, currency, quantity,
                     donor, campaign, channel, note, extra)
WITH pay AS (
    SELECT a.organisation_id, a.id AS account_id, o.currency, 0.5 + (a.organisation_id - 1) / greatest($orgs - 1, 1) AS activity
    FROM account a JOIN organisation o ON o.id = a.organisation_id WHERE a.platform = 'razorpay'
), days AS (
    SELECT p.*, CAST($last_day - INTERVAL (t.i) DAY AS DATE) AS day, p.account_id * 10000 + t.i AS k,
           CAST(floor(10 * p.activity * -ln(1 - u(p.account_id * 10000 + t.i, 60)) + u(p.account_id * 10000 + t.i, 61)) AS INTEGER) AS n
    FROM pay p, range($days) t(i)
), gifts AS (
    SELECT *, k * 256 + j AS gk FROM (SELECT *, unnest(range(n)) AS j FROM days WHERE n > 0)
)
SELECT organisation_id, 'razorpay', account_id, printf('pay_bench%d', gk),
       CAST(day AS TIMESTAMP) + INTERVAL (CAST(floor(86400 * u(gk, 62)) AS INTEGER)) SECOND,
       CASE WHEN u(gk, 63) < 0.02 THEN 'refund' ELSE 'donation' END,
       CAST(CASE WHEN u(gk, 63) < 0.02 THEN -1 ELSE 1 END * round(exp(ln(800) + 0.9 * z(gk, 64))) AS DECIMAL(18, 2)),
       currency, 1, printf('donor%d_%d', organisation_id, CAST(floor(4000 * pow(u(gk, 65), 2)) AS INTEGER)),
       pick(['General fund', 'Flood appeal', 'Back to school', 'GivingTuesday', 'Monthly giving'], u(gk, 66)),
       CASE WHEN u(gk, 67) < 0.3 THEN pick(['facebook', 'instagram', 'x', 'website', 'youtube', 'linkedin'], u(gk, 68)) END,
       NULL, NULL
FROM gifts
{order_by:ORDER BY date_trunc('month', day), organisation_id, 5}
"""

# The time log: about 8 entries a day for an average organisation.
_TIME_ENTRIES = """
INSERT INTO time_entry (organisation_id, platform, account_id, entry_key, day, started_at, person, channel, activity,
                        minutes, campaign, note, extra)
WITH log AS (
    SELECT organisation_id, id AS account_id, 0.5 + (organisation_id - 1) / greatest($orgs - 1, 1) AS activity
    FROM account WHERE platform = 'template'
), days AS (
    SELECT l.*, CAST($last_day - INTERVAL (t.i) DAY AS DATE) AS day, l.account_id * 10000 + t.i AS k,
           CAST(floor(8 * l.activity * -ln(1 - u(l.account_id * 10000 + t.i, 70)) + u(l.account_id * 10000 + t.i, 71)) AS INTEGER) AS n
    FROM log l, range($days) t(i)
), entries AS (
    SELECT *, k * 256 + j AS ek FROM (SELECT *, unnest(range(n)) AS j FROM days WHERE n > 0)
)
SELECT organisation_id, 'template', account_id, printf('%x#1', ek), day, NULL,
       pick(['Aditi Kulkarni', 'Rahul Bora', 'Grace Wanjiru', 'Tom Hughes', 'Maria Lopez', 'Sana Sheikh'], u(ek, 72)),
       pick($platforms, u(ek, 73)), pick(['create', 'create', 'engage', 'listen', 'measure'], u(ek, 74)),
       5 * (3 + floor(21 * u(ek, 75))), NULL, 'Bench entry', NULL
FROM entries
{order_by:ORDER BY date_trunc('month', day), organisation_id, day}
"""

# One import per social account and year, and one per month for the website, payments and time log:
# what imported_file_count and the Upload page's history read. A few imports were undone.
_IMPORT_BATCHES = """
INSERT INTO import_batch (id, organisation_id, connector, platform, source_name, sha256, size_bytes, as_of, rows_read,
                          rows_new, started_at, finished_at, imported_by, status)
WITH files AS (
    SELECT a.organisation_id, a.platform, a.id AS account_id,
           unnest(range(CASE WHEN a.platform IN ('website', 'razorpay', 'template') THEN $days // 30 + 1
                             ELSE $days // 365 + 1 END)) AS n
    FROM account a
)
SELECT row_number() OVER (ORDER BY organisation_id, account_id, n), organisation_id, platform || '_bench', platform,
       printf('%s_%d_%d.csv', platform, account_id, n), sha256(printf('%d-%d', account_id, n)), 100000,
       $last_day - INTERVAL (n * 30) DAY, 1000, 1000, $last_day - INTERVAL (n * 30) DAY,
       $last_day - INTERVAL (n * 30) DAY + INTERVAL 5 SECOND, 'bench',
       CASE WHEN u(account_id * 100 + n, 80) < 0.03 THEN 'undone' ELSE 'imported' END
FROM files
"""

_REJECTIONS = """
INSERT INTO import_rejection (batch_id, line, reason)
SELECT id, line, 'Row ' || line || ': the date is missing'
FROM (SELECT id, unnest(range(2, 2 + CAST(floor(20 * u(id, 90)) AS INTEGER))) AS line FROM import_batch)
"""

_STEPS = [
    ("organisation", _ORGANISATIONS),
    ("account", _ACCOUNTS),
    ("gen_day (temp)", _ACCOUNT_DAYS),
    ("account_day", _ACCOUNT_DAY_INSERT),
    ("post", _POSTS),
    ("web_traffic", _WEB_TRAFFIC),
    ("outcome", _OUTCOMES),
    ("time_entry", _TIME_ENTRIES),
    ("import_batch", _IMPORT_BATCHES),
    ("import_rejection", _REJECTIONS),
]


def _generation_params(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "generator_version": GENERATOR_VERSION,
        "orgs": args.orgs,
        "accounts_per_platform": args.accounts,
        "years": args.years,
        "last_day": LAST_DAY.isoformat(),
        "layout": args.layout,
        "duckdb": duckdb.__version__,
    }


def _with_layout(sql: str, layout: str) -> str:
    """The statement with its {order_by:...} clause kept ('imports') or dropped ('unordered')."""
    return re.sub(r"\{order_by:([^}]*)\}", lambda m: m.group(1) if layout == "imports" else "", sql)


def _sql_params(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """The named parameters a generation statement uses (DuckDB rejects unused ones)."""
    days = params["years"] * 365 + params["years"] // 4 + 1  # 3 years = 1096 days
    every = {
        "orgs": params["orgs"],
        "accounts": params["accounts_per_platform"],
        "days": days,
        "last_day": LAST_DAY,
        "platforms": list(PLATFORMS),
        "hashtags": _HASHTAGS,
    }
    return {k: v for k, v in every.items() if f"${k}" in sql}


def generate(params: dict[str, Any]) -> dict[str, Any]:
    """Make the store from nothing: the real schema, then one INSERT ... SELECT per table."""
    for stale in (STORE, Path(f"{STORE}.wal"), STORE_PARAMS):
        stale.unlink(missing_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    seconds: dict[str, float] = {}
    con = db.connect(STORE)
    try:
        # Our own constant: the product's limit (IMPACT_MEMORY_LIMIT) applies to the timed queries, not here.
        con.execute(f"SET memory_limit = '{GENERATION_MEMORY_LIMIT}'")
        con.execute(_MACROS)
        with db.transaction(con):
            for name, sql in _STEPS:
                t0 = time.perf_counter()
                sql = _with_layout(sql, params["layout"])
                con.execute(sql, _sql_params(sql, params))
                seconds[name] = round(time.perf_counter() - t0, 2)
                print(f"  {name:<18} {seconds[name]:7.2f} s", flush=True)
            t0 = time.perf_counter()
            derived.fill(con)  # as an import writes them: each post's hashtags
            seconds["post hashtags"] = round(time.perf_counter() - t0, 2)
            print(f"  {'post hashtags':<18} {seconds['post hashtags']:7.2f} s", flush=True)
            t0 = time.perf_counter()
            derived.sum_post_days(con)  # as an import makes them: each organisation's posts per day
            seconds["post day sums"] = round(time.perf_counter() - t0, 2)
            print(f"  {'post day sums':<18} {seconds['post day sums']:7.2f} s", flush=True)
        con.execute("DROP TABLE gen_day")
        t0 = time.perf_counter()
        con.execute("CHECKPOINT")
        seconds["checkpoint"] = round(time.perf_counter() - t0, 2)
        counts = _row_counts(con)
    finally:
        con.close()
    info = {
        "params": params,
        "rows": counts,
        "step_seconds": seconds,
        "seconds": round(time.perf_counter() - started, 1),
        "bytes": STORE.stat().st_size,
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    # Written last: a generation cut short leaves no parameters file, so the next run starts again.
    STORE_PARAMS.write_text(json.dumps(info, indent=2, default=str))
    return info


def _row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = ("organisation", "account", "post", "account_day", "web_traffic", "outcome", "time_entry", "import_batch")
    return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}  # type: ignore[index]


def store_for(params: dict[str, Any], regenerate: bool) -> dict[str, Any]:
    """The store made with these parameters: reused when present, else generated."""
    if not regenerate and STORE.exists() and STORE_PARAMS.exists():
        info = json.loads(STORE_PARAMS.read_text())
        if info.get("params") == params:
            print(f"Reusing {STORE.relative_to(ROOT)} (made {info['made_at']}, {info['seconds']} s).")
            return info
    print(f"Generating {STORE.relative_to(ROOT)} ...", flush=True)
    info = generate(params)
    print(f"  done in {info['seconds']} s, {info['bytes'] / 1e6:,.0f} MB")
    return info


# --------------------------------------------------------------------------------------------------
# The queries
# --------------------------------------------------------------------------------------------------

Query = Callable[[duckdb.DuckDBPyConnection], object]


def default_filters(con: duckdb.DuckDBPyConnection) -> tuple[Filters, str]:
    """What app.py's sidebar selects by default, for the largest organisation: the last 12 months, all platforms."""
    name, org_id = con.execute(
        "SELECT o.name, o.id FROM organisation o JOIN post p ON p.organisation_id = o.id "
        "GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()  # type: ignore[misc]
    span = metrics.data_range(con, org_id)
    assert span is not None
    end = span[1]
    start = end - timedelta(days=365 - 1)
    return Filters(org_id, start, end, tuple(metrics.platforms_with_data(con, org_id))), name


BENCH_CAMPAIGN = "Bench campaign"


def bench_campaign(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """A campaign over the period's last 90 days with a hashtag the generated posts carry, and an earlier one
    to compare with (made once; the store is otherwise left as generated)."""
    found = con.execute("SELECT id FROM campaign WHERE name = ?", [BENCH_CAMPAIGN]).fetchone()
    if found:
        return int(found[0])
    org, end = filters.organisation_id, filters.end
    earlier = goals.create_campaign(con, org, "Bench earlier campaign", end - timedelta(days=400), end - timedelta(days=310),
                                    hashtags=["#ClimateAction"])  # fmt: skip
    current = goals.create_campaign(con, org, BENCH_CAMPAIGN, end - timedelta(days=89), end + timedelta(days=30),
                                    hashtags=["#ClimateAction"], keywords=["volunteer"])  # fmt: skip
    for campaign_id in (earlier, current):
        for metric, target in {"posts": 500, "engagements": 50_000, "donors": 300, "hours": 100}.items():
            goals.set_goal(con, campaign_id, metric, target)
    return current


def queries(filters: Filters, organisation: str, batch_id: int, minimum: int, campaign_id: int) -> dict[str, Query]:
    """Every query function behind the pages, with the arguments the page passes: name -> call.

    `minimum` is content.rate_threshold's answer, which the Content page passes to ranked_posts.
    """
    f, org_id, start, end = filters, filters.organisation_id, filters.start, filters.end
    return {
        # app.py: the sidebar, on every page run
        "orgs.organisations": lambda con: orgs.organisations(con),
        "orgs.organisation_id": lambda con: orgs.organisation_id(con, organisation),
        "metrics.data_range": lambda con: metrics.data_range(con, org_id),
        "metrics.platforms_with_data": lambda con: metrics.platforms_with_data(con, org_id),
        # pages/overview.py (headline also runs for the previous period and the year before: the same query)
        "metrics.headline": lambda con: metrics.headline(con, f),
        "metrics.follower_change": lambda con: metrics.follower_change(con, f),
        "metrics.biggest_change": lambda con: metrics.biggest_change(con, f, f.previous()),
        "metrics.weekly_trend": lambda con: metrics.weekly_trend(con, f),
        "metrics.platform_breakdown": lambda con: metrics.platform_breakdown(con, f),
        "metrics.imported_file_count": lambda con: history.imported_file_count(con, org_id),
        # pages/reach.py (its defaults: per week, daily figures where reported)
        "reach.output_trend impressions": lambda con: reach.output_trend(con, f, "week", "impressions", True),
        "reach.output_trend reach": lambda con: reach.output_trend(con, f, "week", "reach", True),
        "reach.output_trend impressions posts": lambda con: reach.output_trend(con, f, "week", "impressions", False),
        "reach.output_trend impressions day": lambda con: reach.output_trend(con, f, "day", "impressions", True),
        "reach.engagement_trend": lambda con: reach.engagement_trend(con, f, "week"),
        "reach.follower_growth week": lambda con: reach.follower_growth(con, f, "week"),
        "reach.follower_growth period": lambda con: reach.follower_growth(con, f, "period"),
        "reach.platform_comparison": lambda con: reach.platform_comparison(con, f),
        # pages/content.py
        "sql.organisation_timezone": lambda con: sql.organisation_timezone(con, org_id),
        "content.post_table": lambda con: content.post_table(con, f),
        "content.post_table search": lambda con: content.post_table(con, f, "#ClimateAction"),
        "content.rate_threshold": lambda con: content.rate_threshold(con, f),
        "content.ranked_posts highest_rate": lambda con: content.ranked_posts(con, f, "highest_rate", minimum),
        "content.ranked_posts lowest_rate": lambda con: content.ranked_posts(con, f, "lowest_rate", minimum),
        "content.ranked_posts most_engagements": lambda con: content.ranked_posts(con, f, "most_engagements", minimum),
        "content.ranked_posts fewest_engagements": lambda con: content.ranked_posts(
            con, f, "fewest_engagements", minimum
        ),
        "content.by_content_type": lambda con: content.by_content_type(con, f),
        "content.by_hashtag": lambda con: content.by_hashtag(con, f),
        "content.best_time": lambda con: content.best_time(con, f),
        # pages/website.py (every source; the sidebar's platforms do not apply)
        "website.website_traffic": lambda con: website.website_traffic(con, org_id, start, end),
        "website.daily_sessions": lambda con: website.daily_sessions(con, org_id, start, end),
        "website.base_url": lambda con: website.base_url(con, org_id),
        "website.source_dimension": lambda con: website.source_dimension(con, org_id, start, end),
        # pages/campaigns.py (the campaign selected; its goals' burn-ups)
        "goals.campaign_posts": lambda con: goals.campaign_posts(con, campaign_id),
        "goals.progress": lambda con: goals.progress(con, campaign_id, end),
        "goals.burn_up engagements": lambda con: goals.burn_up(con, campaign_id, "engagements", end),
        "goals.burn_up donors": lambda con: goals.burn_up(con, campaign_id, "donors", end),
        "chain.campaign_chain": lambda con: chain.campaign_chain(con, campaign_id, end),
        "comparison.compare_with_earlier": lambda con: comparison.compare_with_earlier(con, campaign_id, end),
        "goals.goals_at_a_glance": lambda con: goals.goals_at_a_glance(con, org_id, end),
        # pages/time.py
        "effort.entries": lambda con: effort.entries(con, org_id, start, end),
        "effort.daily_minutes": lambda con: effort.daily_minutes(con, org_id, start, end),
        "effort.budget_summary": lambda con: effort.budget_summary(con, org_id, start, end),
        "effort.people": lambda con: effort.people(con, org_id, start, end),
        "returns.results_per_hour platform": lambda con: returns.results_per_hour(con, org_id, start, end, "platform"),
        "returns.results_per_hour campaign": lambda con: returns.results_per_hour(con, org_id, start, end, "campaign"),
        "returns.last_hour_verdict": lambda con: returns.last_hour_verdict(con, org_id, start, end, "engagements"),
        "roi.roi": lambda con: roi.roi(con, org_id, start, end),
        "roi.activity_shares": lambda con: roi.activity_shares(con, org_id, start, end),
        "roi.base_platform_links": lambda con: roi.base_platform_links(con, org_id, start, end),
        # pages/listening (the generated store has no mentions: what the page costs without them)
        "listening.listening_screen": lambda con: listening.listening_screen(con, org_id, start, end),
        # pages/presence: the scorecard's components (weights as the store has none: {})
        "scorecard.channels": lambda con: scorecard.channels(con, org_id, end, {}),
        "scorecard.base_platform": lambda con: scorecard.base_platform(con, org_id, start, end, {}),
        "scorecard.consistency": lambda con: scorecard.consistency(con, org_id, start, end, {}),
        "scorecard.audience": lambda con: scorecard.audience(con, org_id, start, end, {}),
        "scorecard.engagement": lambda con: scorecard.engagement(con, org_id, start, end, {}),
        "scorecard.results": lambda con: scorecard.results(con, org_id, start, end, {}),
        "scorecard.transparency": lambda con: scorecard.transparency(con, org_id, start, end, end, {}),
        "scorecard.conversation": lambda con: scorecard.conversation(con, org_id, start, end, {}),
        # pages/people (the generated store has no interactions)
        "ranking.evangelists": lambda con: ranking.evangelists(con, org_id, start, end, None),
        "ranking.influencers": lambda con: ranking.influencers(con, org_id, start, end, None),
        "ladder.ladder": lambda con: ladder.ladder(con, org_id, start, end),
        "identity.handles": lambda con: identity.handles(con, org_id),
        "identity.suggestions": lambda con: identity.suggestions(con, org_id),
        # pages/upload.py
        "metrics.import_history": lambda con: history.import_history(con, org_id),
        "metrics.batch_rejections": lambda con: history.batch_rejections(con, batch_id),
        # `python -m impact summary` (the command line's report)
        "metrics.summary (one organisation)": lambda con: summary.summary(con, organisation),
        COMMAND_ALL: lambda con: summary.summary(con),
    }


# A command, not a page: its time grows with the number of organisations, and it is shown for information.
COMMAND_ALL = "metrics.summary (all organisations)"


BENCH_PORTFOLIO = "Bench portfolio"
PORTFOLIO_SIZE = 5  # grantees: as many as the demo's portfolio


def bench_portfolio(con: duckdb.DuckDBPyConnection, organisation: str) -> portfolios.Portfolio:
    """A portfolio of the largest organisation and the next PORTFOLIO_SIZE - 1 by id below it (made once)."""
    found = portfolios.portfolio_named(con, BENCH_PORTFOLIO)
    if found is None:
        org_id = orgs.organisation_id(con, organisation)
        names = [
            str(r[0])
            for r in con.execute(
                "SELECT name FROM organisation WHERE id <= ? ORDER BY id DESC LIMIT ?", [org_id, PORTFOLIO_SIZE]
            ).fetchall()
        ]
        portfolios.create_portfolio(con, BENCH_PORTFOLIO, names)
        found = portfolios.portfolio_named(con, BENCH_PORTFOLIO)
    assert found is not None
    return found


def page_runs(
    filters: Filters, organisation: str, campaign_id: int, portfolio: portfolios.Portfolio
) -> dict[str, Query]:
    """What one run of each page asks of its single connection, in order, with the page's defaults.

    Each page calls impact/'s screen functions (pages/<page>/*.py, ui.figures) and a few lookups in
    ui.store() blocks. Campaigns and Time & ROI run only their open tab (st.tabs with on_change="rerun"):
    a row per tab, each with the page's own calls before the tabs, as a run with an empty figures cache
    makes them (a later click on a tab finds those in the session's cache).
    """
    f, org_id, start, end = filters, filters.organisation_id, filters.start, filters.end

    def sidebar(con: duckdb.DuckDBPyConnection) -> None:  # app.py, on every page run
        orgs.organisations(con)
        orgs.organisation_id(con, organisation)
        metrics.data_range(con, org_id)
        metrics.platforms_with_data(con, org_id)

    def campaigns_page(
        tab: Callable[[duckdb.DuckDBPyConnection, campaign_screens.CampaignScreen, date], None],
    ) -> Query:
        def run(con: duckdb.DuckDBPyConnection) -> None:
            index = campaign_screens.campaign_index(con, org_id)
            today = index.latest or end
            tab(con, campaign_screens.campaign_screen(con, campaign_id, today), today)

        return run

    def edit_tab(con: duckdb.DuckDBPyConnection, screen: campaign_screens.CampaignScreen, today: date) -> None:
        goals.goal_targets(con, campaign_id)
        goals.archived_campaigns(con, org_id)
        plan.campaign_list(con, org_id)

    def outcomes_tab(con: duckdb.DuckDBPyConnection, screen: campaign_screens.CampaignScreen, today: date) -> None:
        orgs.settings(con, org_id)
        manual.outcomes(con, org_id, screen.campaign.starts, screen.campaign.ends)

    campaign_tabs = {
        "Progress": lambda con, screen, today: None,  # campaign_screen is its figures
        "Chain": lambda con, screen, today: campaign_screens.chain_screen(con, campaign_id, today),
        "Posts": lambda con, screen, today: goals.candidate_posts(con, campaign_id),  # caught: campaign_screen's
        "Outcomes": outcomes_tab,
        "Evidence": lambda con, screen, today: evidence_for(con, campaign_id),
        "Compare": lambda con, screen, today: campaign_screens.compare_screen(con, campaign_id, today),
        "Edit": edit_tab,
    }

    def time_page(tab: Callable[[duckdb.DuckDBPyConnection, date, date], object] | None) -> Query:
        def run(con: duckdb.DuckDBPyConnection) -> None:
            logged = time_screens.log_screen(con, org_id, start, end, True)
            if tab is not None:
                tab(con, logged.start, logged.end)

        return run

    time_tabs = {
        "Log time": None,  # log_screen is its figures
        "Budget": lambda con, first, last: time_screens.budget_screen(con, org_id, first, last),
        "Results per hour": lambda con, first, last: time_screens.results_screen(
            con, org_id, first, last, "platform", returns.RESULTS[1]
        ),
        "Cost & ROI": lambda con, first, last: time_screens.roi_screen(con, org_id, first, last),
        "Habits": lambda con, first, last: time_screens.habits_screen(con, org_id, first, last),
    }

    def portfolio_page(over_time: bool) -> Callable[[duckdb.DuckDBPyConnection], None]:
        def run(con: duckdb.DuckDBPyConnection) -> None:
            portfolios.portfolios(con)
            orgs.organisations(con)
            # the quarterly trend runs only in its tab, in the same call as the screen
            portfolios.portfolio_screen(con, portfolio, start, end, None, over_time)

        return run

    return {
        "page: app.py sidebar": sidebar,
        "page: overview": lambda con: metrics.overview_screen(con, f),
        "page: reach": lambda con: reach.reach_screen(con, f, "week", True),
        "page: content": lambda con: content.content_screen(con, f, ""),
        "page: website": lambda con: website.website_screen(con, org_id, start, end),
        "page: listening": lambda con: listening.listening_screen(con, org_id, start, end),
        **{f"page: campaigns › {name}": campaigns_page(tab) for name, tab in campaign_tabs.items()},  # type: ignore[arg-type]
        **{f"page: time › {name}": time_page(tab) for name, tab in time_tabs.items()},
        "page: presence": lambda con: presence_screen(con, org_id, start, end),
        "page: people": lambda con: people_screen(con, org_id, start, end),
        f"page: portfolio › Side by side ({PORTFOLIO_SIZE} grantees)": portfolio_page(False),
        f"page: portfolio › Over time ({PORTFOLIO_SIZE} grantees)": portfolio_page(True),
        "page: upload (history)": lambda con: history.import_history(con, org_id),
    }


# --------------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------------


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 15 runs is the 15th smallest, i.e. the slowest)."""
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))
    return ordered[rank - 1]


def time_call(call: Query | None, warmups: int, runs: int) -> dict[str, Any]:
    """Milliseconds of `call` on a fresh impact.store.connection.connect per run; the connection's own cost apart.

    call=None times opening and closing the connection alone.
    """
    query_ms: list[float] = []
    cpu_ms: list[float] = []
    connect_ms: list[float] = []
    for n in range(warmups + runs):
        t0 = time.perf_counter()
        con = db.connect(STORE)
        t1 = time.perf_counter()
        c1 = time.process_time()
        try:
            if call is not None:
                call(con)
            t2 = time.perf_counter()
            c2 = time.process_time()
        finally:
            con.close()
        t3 = time.perf_counter()
        if n >= warmups:
            query_ms.append((t2 - t1) * 1000 if call is not None else (t1 - t0 + t3 - t2) * 1000)
            cpu_ms.append((c2 - c1) * 1000)
            connect_ms.append((t1 - t0 + t3 - t2) * 1000)
    return {
        "median_ms": round(statistics.median(query_ms), 2),
        # CPU time of the whole process (all DuckDB threads): steadier than wall time when the machine is shared.
        "cpu_median_ms": round(statistics.median(cpu_ms), 2) if call is not None else None,
        "p95_ms": round(_percentile(query_ms, 0.95), 2),
        "min_ms": round(min(query_ms), 2),
        "max_ms": round(max(query_ms), 2),
        "connect_close_median_ms": round(statistics.median(connect_ms), 2),
        "runs_ms": [round(v, 2) for v in query_ms],
    }


class _Recorder:
    """A connection stand-in that notes every statement a query function runs (for --explain)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.statements: list[tuple[str, Any]] = []

    def execute(self, sql: str, params: Any = None) -> duckdb.DuckDBPyConnection:
        self.statements.append((sql, params))
        return self.con.execute(sql, params) if params is not None else self.con.execute(sql)

    def __getattr__(self, name: str) -> Any:
        # register, unregister, ...: passed through (website.py registers a DataFrame).
        return getattr(self.con, name)


def explain(name: str, call: Query) -> Path:
    """EXPLAIN ANALYZE every statement `call` runs, into bench/out/explain/<name>.txt."""
    folder = OUT / "explain"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name.replace(" ", "_").replace("(", "").replace(")", "") + ".txt")
    con = db.connect(STORE)
    try:
        recorder = _Recorder(con)
        call(recorder)  # type: ignore[arg-type]
        parts = []
        for sql, params in recorder.statements:
            t0 = time.perf_counter()
            try:
                plan = _Recorder(con).execute("EXPLAIN ANALYZE " + sql, params).fetchall()[0][1]
            except duckdb.Error as error:  # e.g. a DataFrame the function registered only while it ran
                plan = f"(not explained: {error})"
            ms = (time.perf_counter() - t0) * 1000
            parts.append(f"-- {ms:.1f} ms\n{sql}\n-- params: {params}\n{plan}\n")
        path.write_text("\n".join(parts))
    finally:
        con.close()
    return path


def _machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        memory_gb = None
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "impact", "connectors"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split("\n")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "memory_limit": os.environ.get("IMPACT_MEMORY_LIMIT") or db.DEFAULT_MEMORY_LIMIT,
        "commit": commit,
        "uncommitted": [line for line in dirty if line.strip()],
    }


def goal_for(name: str, size: str) -> float | None:
    """The goal a row is judged against on a store of this size; None: shown for information only."""
    if name == CONNECT_ROW or name == COMMAND_ALL:
        return None
    if name.startswith("page:"):
        return PAGE_GOAL_MS if size == PAGE_GOAL_STORE else None
    return QUERY_GOAL_MS


CONNECT_ROW = "impact.store.connection.connect + close (no query)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--size",
        choices=tuple(SIZES),
        default="1m",
        help="1m: 20 organisations (~1M posts); 10m: 200 organisations (~10M posts), in files of its own",
    )
    parser.add_argument("--orgs", type=int, default=None, help="organisations (default: the --size's)")
    parser.add_argument("--accounts", type=int, default=15, help="accounts per organisation and social platform")
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument(
        "--layout",
        choices=("imports", "unordered"),
        default="imports",
        help="row order on disk: 'imports' as files arrive (per year, organisation, platform, account), "
        "'unordered' as the generating query happens to write them (every organisation in every row group)",
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--regenerate", action="store_true", help="make the store again even when it matches")
    parser.add_argument("--only", action="append", default=[], help="time only queries whose name contains this")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the queries over their goal")
    args = parser.parse_args()
    if args.orgs is None:
        args.orgs = SIZES[args.size]
    use_size(args.size)

    info = store_for(_generation_params(args), args.regenerate)
    print("Rows: " + ", ".join(f"{t} {n:,}" for t, n in info["rows"].items()))

    con = db.connect(STORE)
    try:
        filters, organisation = default_filters(con)
        batch_id = con.execute(
            "SELECT batch_id FROM import_rejection r JOIN import_batch b ON b.id = r.batch_id "
            "WHERE b.organisation_id = ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
            [filters.organisation_id],
        ).fetchone()[0]  # type: ignore[index]
        minimum = content.rate_threshold(con, filters) or 1  # as pages/content.py passes it
        campaign_id = bench_campaign(con, filters)
        portfolio = bench_portfolio(con, organisation)
        org_posts = con.execute(
            "SELECT count(*) FROM post WHERE organisation_id = ? AND CAST(published_at AS DATE) BETWEEN ? AND ?",
            [filters.organisation_id, filters.start, filters.end],
        ).fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    print(
        f"Filters: {organisation} (id {filters.organisation_id}, {org_posts:,} posts in the period), "
        f"{filters.start} to {filters.end}, {len(filters.platforms)} platforms: {', '.join(filters.platforms)}"
    )
    print(f"Timing: {args.warmups} warm-ups then {args.runs} runs, each on a fresh impact.store.connection.connect.")
    print(
        f"Goals (issue 18): every query under {QUERY_GOAL_MS:.0f} ms median (on the 10m store); each page's calls "
        f"together under {PAGE_GOAL_MS:.0f} ms median (on the {PAGE_GOAL_STORE} store). This store: {args.size}.\n"
    )

    selected = {
        name: call
        for name, call in {
            **queries(filters, organisation, batch_id, minimum, campaign_id),
            **page_runs(filters, organisation, campaign_id, portfolio),
        }.items()
        if not args.only or any(part in name for part in args.only)
    }
    results: dict[str, dict[str, Any]] = {}
    header = f"{'query':<46} {'median ms':>10} {'p95 ms':>9} {'max ms':>9} {'cpu ms':>8} {'goal ms':>8}  result"
    print(header)
    print("-" * len(header))
    for name, call in {CONNECT_ROW: None, **selected}.items():
        figures = time_call(call, args.warmups, args.runs)
        goal = goal_for(name, args.size)
        figures["goal_ms"] = goal
        figures["verdict"] = "info" if goal is None else ("PASS" if figures["median_ms"] < goal else "FAIL")
        results[name] = figures
        print(
            f"{name:<46} {figures['median_ms']:>10.1f} {figures['p95_ms']:>9.1f} {figures['max_ms']:>9.1f} "
            f"{figures['cpu_median_ms'] or 0:>8.1f} {'–' if goal is None else f'< {goal:.0f}':>8}  {figures['verdict']}",
            flush=True,
        )

    failed = [name for name, r in results.items() if r["verdict"] == "FAIL"]
    judged = [name for name, r in results.items() if r["verdict"] != "info"]
    pages = [name for name in judged if name.startswith("page:")]
    print(
        f"\n{len(failed)} of {len(judged)} judged rows miss their goal "
        f"({sum(n in failed for n in pages)} of {len(pages)} pages over {PAGE_GOAL_MS:.0f} ms, "
        f"{sum(n not in pages for n in failed)} of {len(judged) - len(pages)} queries over {QUERY_GOAL_MS:.0f} ms)."
    )
    for name in failed:
        print(f"  FAIL {name}: {results[name]['median_ms']:.1f} ms, goal < {results[name]['goal_ms']:.0f} ms")
    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": _machine(),
                "size": args.size,
                "store": info,
                "filters": {
                    "organisation": organisation,
                    "organisation_id": filters.organisation_id,
                    "start": filters.start.isoformat(),
                    "end": filters.end.isoformat(),
                    "platforms": list(filters.platforms),
                    "posts_in_period": org_posts,
                },
                "query_goal_ms": QUERY_GOAL_MS,
                "page_goal_ms": PAGE_GOAL_MS,
                "page_goal_store": PAGE_GOAL_STORE,
                "warmups": args.warmups,
                "runs": args.runs,
                "queries": results,
            },
            indent=2,
        )
    )
    print(f"Results: {RESULTS.relative_to(ROOT)}")
    if args.explain:
        for name in failed:
            print(f"EXPLAIN ANALYZE {name}: {explain(name, selected[name]).relative_to(ROOT)}")

    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
