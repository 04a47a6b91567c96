"""sample_data/README.md, generated so that its figures always match the files."""

from __future__ import annotations

from dataclasses import dataclass, field

from sample_data.story.blog import BLOG_NAME, BlogStats
from sample_data.story.listening import ALERTS_NAME, ListeningStats
from sample_data.story.orgs import ALL_CHANNELS, VOLUNTEER_VALUE_SOURCE, Org, Portfolio
from sample_data.story.outcomes import (
    GA4_DATE_NAME,
    GA4_SOURCE_NAME,
    MAILCHIMP_NAME,
    PAYPAL_NAME,
    RAZORPAY_NAME,
    TIME_LOG_NAME,
    OutcomeStats,
)
from sample_data.story.people import PeopleStats, interactions_name
from sample_data.story.period import END, MONTHS_FULL, PERIOD, exported_at, month_keys
from sample_data.story.texts import load_text
from sample_data.story.year import inr


@dataclass(frozen=True, kw_only=True)
class Summary:
    """What one organisation's files add up to (a channel it does not post on adds up to nothing)."""

    org: Org
    outcomes: OutcomeStats
    x_posts: dict[str, int] = field(default_factory=dict)
    x_imp: dict[str, int] = field(default_factory=dict)
    fb_posts: dict[str, int] = field(default_factory=dict)
    fb_reach: dict[str, int] = field(default_factory=dict)
    ig_posts: dict[str, int] = field(default_factory=dict)
    ig_reach: dict[str, int] = field(default_factory=dict)
    yt_uploads: dict[str, int] = field(default_factory=dict)
    yt_views: dict[str, int] = field(default_factory=dict)
    x_new: int = 0
    x_unf: int = 0
    fb_follows: int = 0
    fb_zero_days: int = 0
    x_top_imp: int = 0
    x_top_date: str = ""
    x_top_id: str = ""
    yt_total: int = 0
    yt_subs: int = 0
    yt_top_title: str = ""
    yt_top_views: int = 0
    files: tuple[str, ...] = ()  # its files, by path in its folder
    listening: ListeningStats | None = None  # its Google Alerts feed
    blog: BlogStats | None = None  # its blog's feed (an organisation with a website)
    people: PeopleStats | None = None  # the interactions a volunteer noted (where the story has them)


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
    f"| `{ALERTS_NAME}` | Google Alerts feed (an alert on the organisation's name, delivered to RSS), Atom | "
    "UTF-8, the XML declaration and then the whole feed on one line; feed id "
    "`tag:google.com,2005:reader/user/<user>/state/com.google/alerts/<alert>`, title `Google Alert - <name>`; "
    "entries newest first, HTML titles and snippets (the query's words in `<b>`, entities such as `&#39;`, "
    "escaped again as XML), each link a Google redirect `https://www.google.com/url?rct=j&sa=t&url=<page>&ct=ga"
    "&cd=...&usg=...`, `published` and `updated` in UTC (`2026-11-20T09:52:08Z`); the same page now and then in two entries "
    "with two ids; imported as mentions (platform `web`), links unwrapped |",
    f"| `{BLOG_NAME}` (not Palash: no website) | WordPress RSS 2.0 feed of the organisation's own blog "
    '(`https://<site>/feed/`, WordPress 6.8.3), saved from the browser | UTF-8, `<?xml ...?><rss version="2.0"` '
    "on one line, the namespaces content, wfw, dc, atom, sy and slash, WordPress's tabs; the blogs began in "
    "December 2025 and each feed holds every post (Settings > Reading raised to 50 posts, Kutch's 10 within "
    "the default 10); items newest first: title (curly quotes as `&#8217;`, `&` as `&#038;`), permalink "
    "`/news/<slug>`, `dc:creator` and `category` in CDATA, `pubDate` in UTC (`Mon, 15 Jun 2026 05:12:40 +0000`), "
    '`guid isPermaLink="false"` `https://<site>/?p=<id>`, a 55-word excerpt ending `[&#8230;]`, the HTML '
    "paragraphs in `content:encoded`, `slash:comments`; imported as posts on platform `blog` (id, link, title "
    "and time; a feed has no counts) |",
    f"| `{PAYPAL_NAME}` (Brahmaputra only) | PayPal activity download, business account, 41 columns | "
    "UTF-8 **BOM**, every field quoted, LF, day-first dates, `TimeZone` `IST`; USD gifts from abroad, "
    "one refund, one withdrawal (set aside on import) |",
    f"| `interactions_{PERIOD}.csv` (Pune only) | interactions in this product's template (`date,platform,person,"
    "name,kind,post,followers`), kept by a volunteer from the platforms' notifications | UTF-8, no BOM, LF, minimal "
    "quoting, ISO dates, oldest first; the platform and the kind as typed (`X`, now and then `Twitter`, `FB`, "
    "`Insta`; `retweet`, `repost`, `share`, `shared to story`, `reply`, `comment`, `like`, `reaction`), X handles "
    "mostly with their `@`, followers where noted (X); `post` is the post's id as its export gives it (X's status "
    "id, Meta's `Post ID`), so the People page links and dates it |",
    f"| `{MAILCHIMP_NAME}` (Sakhi only) | Mailchimp account campaigns export | CRLF, header quoted where a "
    "name has a space, `Send Date` `Dec 09, 2025 10:30 am`, rates with `%`, counts over 999 quoted "
    'with a comma (`"2,400"`) |\n',
]


NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def readme(summaries: list[Summary], portfolios: list[Portfolio]) -> str:
    out = []
    out.append("# Sample data (fictional)\n")
    out.append(
        "**Everything in this folder is invented.** The organisations, people, handles, ids, news sites, links "
        "and numbers are made up by `generate.py` and the package beside it (standard library only, fixed "
        "random seeds, so re-running it gives byte-identical files). Any resemblance to real accounts is "
        "accidental. `story/` decides what each organisation posts, earns and logs, and what others write about "
        "it, and when, with the long texts (captions, video titles, names, notes, blog posts, news stories) as files in "
        "`story/texts/`; `writers/` has one "
        "writer per export format, which the test fixture makers under `tests/fixtures/` use too where they "
        "write the same format. This README "
        "is generated as well: edit `story/readme.py` or the text files, then run "
        "`python sample_data/generate.py` (or `python -m sample_data.generate`).\n"
    )
    stale = [s.org for s in summaries if s.org.last_day != END]
    out.append(
        "The files imitate the real export formats byte for byte (encodings, BOMs, quoting, line "
        "endings, date formats, header vintages), as documented in the research notes on export "
        'formats (sections 1c, 2b, 2c, 3, 4, 7, 8 and 9), the notes on APIs ("RSS and Atom") and the '
        "importers in `connectors/`. The period "
        "is **2025-12-01 to 2026-11-25**; the exports are dated 2026-11-26, except the first X content "
        "file (2026-07-01)"
        + "".join(
            f" and {o.name}'s, which stop on {o.last_day.isoformat()} (dated "
            f"{exported_at(o.last_day).date().isoformat()})"
            for o in stale
        )
        + ".\n"
    )
    out.append(
        f"`orgs.json` lists the {NUMBERS.get(len(summaries), str(len(summaries)))} organisations (folder, name, "
        "timezone `Asia/Kolkata`, fictional website or `null` for none, currency `INR`, daily time budget in "
        "minutes) and each one's own settings for costing time: a staff hourly rate in INR, one person in the "
        "time log marked as a volunteer, and "
        f'a volunteer hour\'s value in INR with its source ("{VOLUNTEER_VALUE_SOURCE}"). These are the '
        "fictional organisations' own figures, not published values. `portfolios.json` is the demo "
        "portfolio of all of them (see the end of this file); the app creates both when it loads the demo.\n"
    )
    full = [s.org for s in summaries if s.org.channels == ALL_CHANNELS]
    small = [s.org for s in summaries if s.org.channels != ALL_CHANNELS]
    out.append("## What each organisation folder holds\n")
    if small:
        out.append(
            f"The folders of {_names([o.name for o in full])} hold every file below; "
            f"{_names([o.name for o in small])}, smaller grantees, hold only some of them (listed in their "
            "sections).\n"
        )
    out.extend(FILES_TABLE)
    out.append(
        "The two X content files **overlap in June 2026**: the same posts appear in both, with "
        "slightly higher lifetime figures in the later file. An importer should keep one row per "
        "post id, taking the later export's figures.\n"
    )
    for s in summaries:
        out.extend(social_readme(s))
        out.extend(outcomes_readme(s.org, s.outcomes))
    for portfolio in portfolios:
        out.extend(portfolio_readme(portfolio))
    return "\n".join(out)


def _names(names: list[str]) -> str:
    """The names as "A, B and C"."""
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def social_readme(s: Summary) -> list[str]:
    org = s.org
    channels = org.channels
    accounts = []
    if "x" in channels:
        accounts.append(f"X @{org.x_handle}")
    if "ig" in channels:
        accounts.append(f"Instagram @{org.ig_username}")
    if "fb" in channels:
        accounts.append(f"Facebook page id {org.fb_page_id}")
    if "yt" in channels:
        accounts.append(f'YouTube channel "{org.name}"')
    if s.blog and org.base_url:
        accounts.append(f"a blog on its website ({org.base_url.split('//', 1)[-1]}/news)")
    where = ", ".join(accounts) + (" only" if len(accounts) == 1 else "")
    where += "; no website.\n" if org.base_url is None else ".\n"
    out = [f"## {org.name} (`{org.folder}/`)\n", where, load_text(f"stories/{org.folder}.md") + "\n"]
    if channels != ALL_CHANNELS:
        out.append("Its files: " + ", ".join(f"`{name}`" for name in s.files) + ".\n")
    sources = []
    if "x" in channels:
        sources.append("X impressions from the daily overview")
    meta = [name for key, name in (("fb", "Facebook"), ("ig", "Instagram")) if key in channels]
    if len(meta) == 2:
        sources.append("Facebook and Instagram reach are sums of post reach by publish month")
    elif meta:
        sources.append(f"{meta[0]} reach is the sum of post reach by publish month")
    if "yt" in channels:
        sources.append("YouTube views from Totals.csv")
    feeds = ([f"blog posts from `{BLOG_NAME}`"] if s.blog else []) + (
        [f"mentions from `{ALERTS_NAME}`"] if s.listening else []
    )
    if feeds:
        sources.append(" and ".join(feeds) + ", by their day in Kolkata")
    columns = (
        [
            (key, name)
            for key, pair in (
                ("x", ("X posts", "X impressions")),
                ("fb", ("FB posts", "FB reach")),
                ("ig", ("IG posts", "IG reach")),
                ("yt", ("YT uploads", "YT views")),
            )
            if key in channels
            for name in pair
        ]
        + ([("blog", "blog posts")] if s.blog else [])
        + ([("listening", "mentions")] if s.listening else [])
    )
    figures = {
        "X posts": s.x_posts, "X impressions": s.x_imp, "FB posts": s.fb_posts, "FB reach": s.fb_reach,
        "IG posts": s.ig_posts, "IG reach": s.ig_reach, "YT uploads": s.yt_uploads, "YT views": s.yt_views,
        "blog posts": s.blog.posts_by_month if s.blog else {},
        "mentions": s.listening.mentions_by_month if s.listening else {},
    }  # fmt: skip
    out += [
        f"What the dashboard should show, month by month ({'; '.join(sources)}):\n",
        "| month | " + " | ".join(name for _, name in columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for k in month_keys(org.last_day):
        cells = [
            str(figures[name].get(k, 0)) if name.endswith(("posts", "uploads")) else f"{figures[name].get(k, 0):,}"
            for _, name in columns
        ]
        out.append(f"| {k} | " + " | ".join(cells) + " |")
    out.append("")
    if "x" in channels:
        x_start = org.x_followers[0]
        out.append(
            f"- X followers: +{s.x_new:,} new follows, -{s.x_unf:,} unfollows, net "
            f"{s.x_new - s.x_unf:+,} (about {100 * (s.x_new - s.x_unf) / x_start:.0f}% "
            f"on a starting audience of about {x_start:,})."
        )
    if "fb" in channels:
        out.append(
            f"- Facebook: {s.fb_follows:,} new follows over the "
            f"{'year' if org.last_day == END else 'months exported'}; {s.fb_zero_days} days with none "
            f"(absent from Follows.csv)."
        )
    if "x" in channels:
        out.append(f"- Top X post: {s.x_top_imp:,} impressions on {s.x_top_date}.")
    if "yt" in channels:
        out.append(
            f"- YouTube: {s.yt_total:,} views in the period, net {s.yt_subs:+,} subscribers; most viewed: "
            f'"{s.yt_top_title}" ({s.yt_top_views:,} views).'
        )
    if s.blog:
        out.append(blog_line(org, s.blog))
    if s.listening:
        out.append(listening_line(org, s.listening))
    out[-1] += "\n"
    if s.people:
        out.extend(people_readme(s, s.people))
    return out


def blog_line(org: Org, stats: BlogStats) -> str:
    """Its blog: the posts of its feed, as the Content and Overview pages count them on the `blog` platform."""
    bad = org.bad[0]
    line = (
        f"- Blog: {stats.posts} posts from {stats.first.isoformat()} to {stats.last.isoformat()}, one to four a "
        f"month and none in {MONTHS_FULL[bad.month - 1]} {bad.year}; "
    )
    if stats.per_rss == 10:
        line += "its feed shows the newest 10, WordPress's default, which is all of them"
    else:
        line += f"its feed shows the newest {stats.per_rss} (WordPress's default is 10), so it holds them all"
    if stats.alerted:
        line += f"; its Google Alert found {stats.alerted} of them (mentions on its own website)"
    if org.last_day != END:
        line += "; none since: the feed was saved with its last exports"
    return line + "."


def listening_line(org: Org, stats: ListeningStats) -> str:
    """What its Google Alert found: the Listening page's figures over the whole period."""
    line = f'- Mentions: {stats.mentions} from its Google Alert on "{org.name}", from fictional news sites and blogs'
    host = org.base_url.split("//", 1)[-1] if org.base_url else None
    if host:
        line += (
            f"; {stats.on_site} on its own website ({host}): the mentions linking to the base platform, "
            f"{100 * stats.on_site / stats.mentions:.0f}%"
        )
    else:
        line += "; with no website, none can link to its base platform (not measured)"
    if stats.repeated:
        if stats.repeated == 1:
            line += "; one page alerted twice, under two entry ids (two mentions, one link)"
        else:
            pages = NUMBERS.get(stats.repeated, str(stats.repeated))
            line += f"; {pages} pages alerted twice, each under two entry ids (two mentions, one link)"
    if org.last_day != END:
        line += f"; the newest on {stats.last.isoformat()}, none since: the feed was saved with its last exports"
    return line + "."


def _handle(key: str) -> str:
    """A person key of the People page ("x:vasanti_teaches") as the README writes it ("X @vasanti_teaches")."""
    platform, _, handle = key.partition(":")
    return f"{PEOPLE_PLATFORMS[platform]} {'@' if platform == 'x' else ''}{handle}"


PEOPLE_PLATFORMS = {"x": "X", "facebook": "Facebook", "instagram": "Instagram"}


def people_readme(s: Summary, p: PeopleStats) -> list[str]:
    """Who the interactions file names, and what the People page shows over the whole period (as its definitions
    compute it: impact.supporters; the tests compare these figures with the app's)."""
    org = s.org
    months = sorted(p.by_month)
    busiest = max(months, key=lambda k: p.by_month[k])
    quietest = min(months, key=lambda k: p.by_month[k])
    out = [
        f"People, from `{interactions_name(org)}` (the People page over {months[0]}-01 to {org.last_day.isoformat()}; "
        "every figure below is the page's):\n",
        f"- The sheet: {p.lines} interactions (shares, replies and comments, likes) by {p.people} people on "
        f"{p.handles} handles, noted by {p.kept_by}, the volunteer, from the platforms' notifications, on the day of "
        f"the post or a few days later; the most in {busiest} ({p.by_month[busiest]}), the fewest in {quietest} "
        f"({p.by_month[quietest]}).",
    ]
    out.append(
        "- Evangelists: "
        + "; ".join(
            f"{name}, {about} ({', '.join(_handle(h) for h in handles)})" for name, about, handles in p.evangelists
        )
        + ". Each has one display name on two platforms, so the page suggests merging their handles "
        f"({len(p.suggestions)} suggestions, nothing else)."
    )

    def ranked(rows: tuple, merged: bool) -> str:
        return ", ".join(
            (
                f"{r.name} {r.score:.2f}"
                if merged and len(r.handles) > 1
                else f"{_handle(r.handles[0])} ({r.name}) {r.score:.2f}"
            )
            + (
                f" ({len(r.handles)} platforms, {r.interactions} interactions, {r.shares} shares)"
                if len(r.handles) > 1
                else ""
            )
            for r in rows[:3]
        )

    out.append(f"- Evangelist scores, every handle a person of its own: {ranked(p.ranking, False)}.")
    out.append(f"- Once both suggested merges are confirmed: {ranked(p.merged, True)}.")
    name, about, followers = p.influencer
    day, post = p.influencer_share
    top = " (the top X post above)" if post.post_id == s.x_top_id else ""
    first, second = p.influencers[0], p.influencers[1]
    merged_second = next(r for r in p.merged_influencers if r.name == second.name)
    out.append(
        f"- Influencer: {name} ({_handle(first.handles[0])}), {about} with {followers:,} followers, shared one post "
        f"once: it retweeted the #{post.campaign} post {post.post_id} of {post.day.isoformat()}{top}"
        f"{', the day it was posted' if day == post.day else f', on {day.isoformat()}'}. Influence {first.audience:,} × 3 = {first.influence:,}, the first of the influencers; next, "
        f"{second.name}'s {_handle(second.handles[0])} ({second.audience:,} followers × {second.influence // second.audience} "
        f"weighted interactions = {second.influence:,}; {merged_second.influence:,} once merged)."
    )
    steps = ", ".join(f"{k} {c['engager']}/{c['amplifier']}/{c['evangelist']}" for k, c in p.steps.items())
    movers = "; ".join(f"{m.name} ({_handle(m.handle)}), {m.before} → {m.now}" for m in p.moved_up)
    last = p.last_month
    out.append(
        f"- Supporter ladder, every handle a person of its own (engagers/amplifiers/evangelists): {steps}. Moved up in "
        f"{MONTHS_FULL[int(last[5:]) - 1]} {last[:4]}, the people to thank: {movers}.\n"
    )
    return out


def outcomes_readme(org: Org, o: OutcomeStats) -> list[str]:
    budget = org.daily_budget_minutes
    files = org.outcomes.files
    sources = []
    columns = []
    if "time_log" in files:
        sources.append("hours from the time log")
        columns += ["hours logged", "days logged", f"days over {budget} min"]
    if "razorpay" in files:
        sources.append("donations are captured Razorpay payments, net of refunds")
        columns += ["donations", "donated (INR)"]
    if "ga4" in files:
        sources.append("sessions from the GA4 report by Date")
        columns += ["website sessions"]
    out = [
        f"Effort and outcomes, month by month ({'; '.join(sources)}):\n",
        "| month | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for k in month_keys(org.last_day):
        cells = []
        if "time_log" in files:
            cells += [f"{o.minutes.get(k, 0) / 60:.1f}", str(o.days.get(k, 0)), str(o.over.get(k, 0))]
        if "razorpay" in files:
            cells += [str(o.gifts.get(k, 0)), inr(o.inr.get(k, 0))]
        if "ga4" in files:
            cells += [f"{o.sessions.get(k, 0):,}"]
        out.append(f"| {k} | " + " | ".join(cells) + " |")
    minutes = sum(o.minutes.values())
    out.append("")
    if "time_log" in files:
        out.append(
            f"- Time log: {minutes / 60:,.1f} hours ({minutes:,} minutes) on {o.days_logged} days; "
            f"{sum(o.over.values())} days over the daily budget of {budget} minutes."
        )
    if "razorpay" in files:
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
    if "ga4" in files:
        out.append(f"- Website: {o.sessions_total:,} sessions, {100 * o.social_share:.0f}% from social referrers.")
    if o.sends:
        out.append(f"- Mailchimp: {o.sends} campaigns (a monthly newsletter, none in the bad month, and two appeals).")
    out[-1] += "\n"
    return out


def portfolio_readme(p: Portfolio) -> list[str]:
    return [
        f"## The demo portfolio: {p.name} (`portfolios.json`)\n",
        f"Grantees: {_names(list(p.organisations))}. Tags: {', '.join(f'`{t}`' for t in p.tags)}. "
        f'Description: "{p.description}"\n',
        load_text(f"stories/portfolio-{p.slug}.md") + "\n",
    ]
