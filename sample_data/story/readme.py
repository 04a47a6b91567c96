"""sample_data/README.md, generated so that its figures always match the files."""

from __future__ import annotations

from dataclasses import dataclass

from sample_data.story.orgs import VOLUNTEER_VALUE_SOURCE, Org
from sample_data.story.outcomes import (
    GA4_DATE_NAME,
    GA4_SOURCE_NAME,
    MAILCHIMP_NAME,
    PAYPAL_NAME,
    RAZORPAY_NAME,
    TIME_LOG_NAME,
    OutcomeStats,
)
from sample_data.story.period import month_keys
from sample_data.story.texts import load_text
from sample_data.story.year import inr


@dataclass(frozen=True)
class Summary:
    """What one organisation's files add up to."""

    org: Org
    x_posts: dict[str, int]
    x_imp: dict[str, int]
    fb_posts: dict[str, int]
    fb_reach: dict[str, int]
    ig_posts: dict[str, int]
    ig_reach: dict[str, int]
    yt_uploads: dict[str, int]
    yt_views: dict[str, int]
    x_new: int
    x_unf: int
    fb_follows: int
    fb_zero_days: int
    x_top_imp: int
    x_top_date: str
    yt_total: int
    yt_subs: int
    yt_top_title: str
    yt_top_views: int
    outcomes: OutcomeStats


FILES_TABLE = [
    "| file | platform / format | notes |\n|---|---|---|",
    "| `account_analytics_content_2025-12-01_2026-06-30.csv` | X content export, Feb-2025 header "
    "(`Link`, `Share`, `Detail expands`, `Url clicks`) | UTF-8, no BOM, **CRLF**, dates `Mon Feb 17 2025`, "
    "post text always quoted; lifetime figures as downloaded on 2026-07-01 |",
    "| `account_analytics_content_2026-06-01_2026-11-25.csv` | X content export, late-2025 header "
    "(`Post Link`, `Shares`, `Detail Expands`, `URL Clicks`) | UTF-8, no BOM, **LF**, dates "
    '`"Sat, Aug 1, 2026"`, minimal quoting; contains one junk row `...status/undefined` as real '
    "exports do |",
    "| `account_overview_analytics.csv` | X account overview | one row per day, newest first, "
    "with `New follows` and `Unfollows` |",
    "| `Dec-01-2025_Nov-25-2026_<15 digits>.csv` | Facebook posts, Meta Business Suite (Feb-Mar 2025 "
    "vintage, 42 columns, `Views` twice) | UTF-8 **BOM**, LF, every field with a space is quoted, "
    "multi-line captions, `Date` = `Lifetime`, `Publish time` in IST |",
    "| `Dec-01-2025_Nov-25-2026_<16 digits>.csv` | Instagram posts, Meta Business Suite 2026 vintage | "
    "same conventions; the file type has to be detected from the header |",
    "| `meta_insights/Follows.csv`, `Views.csv`, `Visits.csv` | Meta page-level insights | "
    "**UTF-16 LE with BOM**, CRLF, `sep=,` line, title line, every field quoted; Follows lists "
    "only days with at least one new follow |",
    "| `Content 2025-12-01_2026-11-25 <Channel>.zip` | YouTube Studio content export | folder with "
    "`Table data.csv` (`Total` row first, one private video without publish time, a few videos "
    "published before the period), `Chart data.csv` (per video per day, only days with views) and "
    "`Totals.csv` (every day; equals the per-day sum of Chart data) |",
    f"| `{TIME_LOG_NAME}` | time log in this product's template (`date,person,platform,activity,minutes,"
    "campaign,note`) | ISO dates, minutes as `45` or `1:15`, platforms written by hand (`Insta`, `FB`, "
    "`Twitter` now and then), campaign names during campaigns; plain UTF-8 and LF, except Sakhi's "
    "(saved from Excel: **BOM** and **CRLF**) |",
    f"| `{RAZORPAY_NAME}` | Razorpay Dashboard payments report | UTF-8, LF, minimal quoting, amounts in "
    "rupees (`500.00`), `created_at` day-first IST (`06/01/2026 12:13:37`); mostly `captured`, a few "
    "`failed` (set aside on import), `refunded` and partly refunded; the payment page's title "
    "(`description`) names the campaign; donor name and a dummy PAN in `notes` (not stored) |",
    f"| `{GA4_SOURCE_NAME}` | Google Analytics 4, Traffic acquisition by session source / medium, whole "
    "period | UTF-8, no BOM, **CRLF**, `#` preamble (`Property: <org> - GA4`, `Start date: 20251201`), "
    "unformatted floats; social referrers next to `google / organic` and `(direct) / (none)` |",
    f"| `{GA4_DATE_NAME}` | Google Analytics 4, Traffic acquisition by Date | UTF-8, LF, same preamble, one "
    "row per day (`20251201`); its sessions add up to the source / medium report's; key events are "
    "the day's Razorpay checkouts |",
    f"| `{PAYPAL_NAME}` (Brahmaputra only) | PayPal activity download, business account, 41 columns | "
    "UTF-8 **BOM**, every field quoted, LF, day-first dates, `TimeZone` `IST`; USD gifts from abroad, "
    "one refund, one withdrawal (set aside on import) |",
    f"| `{MAILCHIMP_NAME}` (Sakhi only) | Mailchimp account campaigns export | CRLF, header quoted where a "
    "name has a space, `Send Date` `Dec 09, 2025 10:30 am`, rates with `%`, counts over 999 quoted "
    'with a comma (`"2,400"`) |\n',
]


def readme(summaries: list[Summary]) -> str:
    out = []
    out.append("# Sample data (fictional)\n")
    out.append(
        "**Everything in this folder is invented.** The organisations, people, handles, ids, links "
        "and numbers are made up by `generate.py` and the package beside it (standard library only, fixed "
        "random seeds, so re-running it gives byte-identical files). Any resemblance to real accounts is "
        "accidental. `story/` decides what each organisation posts, earns and logs, and when, with the long "
        "texts (captions, video titles, names, notes) as files in `story/texts/`; `writers/` has one "
        "writer per export format, which the test fixture makers under `tests/fixtures/` use too where they "
        "write the same format. This README "
        "is generated as well: edit `story/readme.py` or the text files, then run "
        "`python sample_data/generate.py` (or `python -m sample_data.generate`).\n"
    )
    out.append(
        "The files imitate the real export formats byte for byte (encodings, BOMs, quoting, line "
        "endings, date formats, header vintages), as documented in the research notes on export "
        "formats (sections 1c, 2b, 2c, 3, 4, 7, 8 and 9) and the importers in `connectors/`. The period "
        "is **2025-12-01 to 2026-11-25**; the exports are dated 2026-11-26, except the first X content "
        "file (2026-07-01).\n"
    )
    out.append(
        "`orgs.json` lists the three organisations (folder, name, timezone `Asia/Kolkata`, "
        "fictional website, currency `INR`, daily time budget in minutes) and each one's own settings for "
        "costing time: a staff hourly rate in INR, one person in the time log marked as a volunteer, and "
        f'a volunteer hour\'s value in INR with its source ("{VOLUNTEER_VALUE_SOURCE}"). These are the '
        "fictional organisations' own figures, not published values.\n"
    )
    out.append("## What each organisation folder holds\n")
    out.extend(FILES_TABLE)
    out.append(
        "The two X content files **overlap in June 2026**: the same posts appear in both, with "
        "slightly higher lifetime figures in the later file. An importer should keep one row per "
        "post id, taking the later export's figures.\n"
    )
    for s in summaries:
        out.extend(social_readme(s))
        out.extend(outcomes_readme(s.org, s.outcomes))
    return "\n".join(out)


def social_readme(s: Summary) -> list[str]:
    org = s.org
    x_start = org.x_followers[0]
    out = [
        f"## {org.name} (`{org.folder}/`)\n",
        f"X @{org.x_handle}, Instagram @{org.ig_username}, Facebook page id "
        f'{org.fb_page_id}, YouTube channel "{org.name}".\n',
        load_text(f"stories/{org.folder}.md") + "\n",
        "What the dashboard should show, month by month (X impressions from the daily overview; "
        "Facebook and Instagram reach are sums of post reach by publish month; YouTube views from "
        "Totals.csv):\n",
        "| month | X posts | X impressions | FB posts | FB reach | IG posts | IG reach | YT uploads | YT views |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for k in month_keys():
        out.append(
            f"| {k} | {s.x_posts.get(k, 0)} | {s.x_imp.get(k, 0):,} | {s.fb_posts.get(k, 0)} | "
            f"{s.fb_reach.get(k, 0):,} | {s.ig_posts.get(k, 0)} | {s.ig_reach.get(k, 0):,} | "
            f"{s.yt_uploads.get(k, 0)} | {s.yt_views.get(k, 0):,} |"
        )
    out.append("")
    out.append(
        f"- X followers: +{s.x_new:,} new follows, -{s.x_unf:,} unfollows, net "
        f"{s.x_new - s.x_unf:+,} (about {100 * (s.x_new - s.x_unf) / x_start:.0f}% "
        f"on a starting audience of about {x_start:,})."
    )
    out.append(
        f"- Facebook: {s.fb_follows:,} new follows over the year; {s.fb_zero_days} days with none "
        f"(absent from Follows.csv)."
    )
    out.append(f"- Top X post: {s.x_top_imp:,} impressions on {s.x_top_date}.")
    out.append(
        f"- YouTube: {s.yt_total:,} views in the period, net {s.yt_subs:+,} subscribers; most viewed: "
        f'"{s.yt_top_title}" ({s.yt_top_views:,} views).\n'
    )
    return out


def outcomes_readme(org: Org, o: OutcomeStats) -> list[str]:
    budget = org.daily_budget_minutes
    out = [
        (
            "Effort and outcomes, month by month (hours from the time log; donations are captured Razorpay "
            "payments, net of refunds; sessions from the GA4 report by Date):\n"
        ),
        (
            f"| month | hours logged | days logged | days over {budget} min | donations | donated (INR) "
            "| website sessions |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for k in month_keys():
        minutes = o.minutes.get(k, 0)
        out.append(
            f"| {k} | {minutes / 60:.1f} | {o.days.get(k, 0)} | {o.over.get(k, 0)} | {o.gifts.get(k, 0)} "
            f"| {inr(o.inr.get(k, 0))} | {o.sessions.get(k, 0):,} |"
        )
    minutes = sum(o.minutes.values())
    out.append("")
    out.append(
        f"- Time log: {minutes / 60:,.1f} hours ({minutes:,} minutes) on {o.days_logged} days; "
        f"{sum(o.over.values())} days over the daily budget of {budget} minutes."
    )
    out.append(
        f"- Razorpay: {sum(o.gifts.values())} donations, {inr(sum(o.inr.values()))} net; "
        f"{o.failed} failed payments set aside; {o.refunded} refunded in full or in part."
    )
    if o.paypal:
        gifts = [a for _, a in o.paypal if a > 0]
        net = sum(a for _, a in o.paypal)
        out.append(
            f"- PayPal: {len(gifts)} gifts in USD ({sum(gifts):,.2f}), one refund, net USD {net:,.2f}; the "
            "withdrawal to the bank is set aside."
        )
    out.append(f"- Website: {o.sessions_total:,} sessions, {100 * o.social_share:.0f}% from social referrers.")
    if o.sends:
        out.append(f"- Mailchimp: {o.sends} campaigns (a monthly newsletter, none in the bad month, and two appeals).")
    out[-1] += "\n"
    return out
