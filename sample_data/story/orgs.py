"""The five fictional organisations: who they are, their campaigns, audiences, team and donors.

Three post on X, Facebook, Instagram and YouTube all year; two smaller grantees make the demo portfolio's
story: one stopped sending its exports in May 2026, one posts only on Facebook and has no website.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sample_data.story.period import END

VOLUNTEER_VALUE_SOURCE = "Our own estimate: the honorarium we pay field volunteers"
ALL_CHANNELS = ("x", "fb", "ig", "yt")


@dataclass(frozen=True)
class Campaign:
    """A campaign's hashtag and shape: ramps up from `start`, plateaus from `peak_from` to `peak_to`, ends at
    `end`; `eng` multiplies engagement and `posts` the posting rate at the plateau."""

    tag: str
    start: date
    peak_from: date
    peak_to: date
    end: date
    eng: float
    posts: float


@dataclass(frozen=True)
class Person:
    """Someone who logs time: share of the team's work, and platform weights for x, fb, ig, yt, wa."""

    name: str
    share: float
    platforms: tuple[int, int, int, int, int]


@dataclass(frozen=True, kw_only=True)
class Outcomes:
    """Effort and outcomes: campaign names as the team writes them, who logs time, donations, website.
    `files` names the exports it sends: "time_log", "razorpay" (donations), "ga4" (website)."""

    campaign_names: dict[str, str]
    people: tuple[Person, ...]
    crlf_time_log: bool  # saved from Excel as "CSV UTF-8": BOM and CRLF
    files: tuple[str, ...] = ("time_log", "razorpay", "ga4")
    gifts_per_day: float = 0.0  # donations per day outside campaigns
    campaign_gifts: dict[str, float] = field(default_factory=dict)  # extra per day per unit of campaign shape
    general_page: str = ""  # the Razorpay payment page's title
    campaign_pages: dict[str, str] = field(default_factory=dict)
    amounts: tuple[tuple[int, int], ...] = ()  # (rupees, weight)
    sessions_per_day: int = 0
    social_share: float = 0.0


@dataclass(frozen=True, kw_only=True)
class Org:
    """An organisation. `channels` are where it posts, and so the post exports it sends ("x", "fb", "ig",
    "yt"); the handles and ids of a channel it does not use stay empty. `last_day` is the newest day its
    exports cover: END, or earlier for a grantee that stopped sending them."""

    folder: str
    name: str
    base_url: str | None  # None: no website
    daily_budget_minutes: int
    hourly_value: int
    volunteer: str
    volunteer_value: int
    channels: tuple[str, ...] = ALL_CHANNELS
    page_insights: tuple[str, ...] = ("Follows.csv", "Views.csv", "Visits.csv")  # Meta's, it downloads
    last_day: date = END
    x_handle: str = ""
    ig_username: str = ""
    fb_page_id: str
    fb_file_id: str
    fb_post_suffix: str
    ig_account_id: str = ""
    ig_file_id: str = ""
    growth: tuple[float, float]  # engagement multiplier at the start and at the end of the year
    campaigns: tuple[Campaign, ...]
    bad: tuple[date, date]  # the bad month
    winter_quiet: bool
    rates: dict[str, float]  # expected posts per day on each of its channels: x, fb, ig
    base: dict[str, int]  # typical x_imp, fb_reach, ig_reach, yt_views per post or video
    x_followers: tuple[int, float, float] = (0, 0.0, 0.0)  # start, growth over the year, unfollows per day
    fb_followers: tuple[int, float]  # start, growth over the year
    ig_followers: tuple[int, float] = (0, 0.0)
    comments: float = 1.0  # comments on its Facebook and Instagram posts against the usual
    outcomes: Outcomes


@dataclass(frozen=True)
class Portfolio:
    """A funder's group of grantees (portfolios.json); `slug` names its story in texts/stories/."""

    name: str
    slug: str
    description: str
    tags: tuple[str, ...]
    organisations: tuple[str, ...]


ORGS = [
    Org(
        folder="pune-education-trust",
        name="Pune Education Trust",
        base_url="https://puneeducationtrust.org.in",
        daily_budget_minutes=60,
        hourly_value=250,
        volunteer="Sneha Joshi",
        volunteer_value=150,
        x_handle="PuneEduTrust",
        ig_username="puneeducationtrust",
        fb_page_id="100087412093385",
        fb_file_id="613402117850394",
        fb_post_suffix="583107",
        ig_account_id="17841458120937664",
        ig_file_id="1094482317765120",
        growth=(0.85, 1.45),
        campaigns=(
            Campaign(
                tag="ExamReadyPune",
                start=date(2026, 2, 9),
                peak_from=date(2026, 2, 23),
                peak_to=date(2026, 3, 6),
                end=date(2026, 3, 20),
                eng=1.7,
                posts=1.6,
            ),
            Campaign(
                tag="BackToSchoolPune",
                start=date(2026, 5, 28),
                peak_from=date(2026, 6, 10),
                peak_to=date(2026, 6, 16),
                end=date(2026, 6, 30),
                eng=3.6,
                posts=2.6,
            ),
        ),
        bad=(date(2026, 10, 1), date(2026, 10, 31)),
        winter_quiet=False,
        rates={"x": 0.55, "fb": 0.42, "ig": 0.34},
        base={"x_imp": 520, "fb_reach": 850, "ig_reach": 640, "yt_views": 700},
        x_followers=(2350, 0.24, 1.3),
        fb_followers=(5600, 0.18),
        ig_followers=(3100, 0.30),
        outcomes=Outcomes(
            campaign_names={"ExamReadyPune": "Exam ready 2026", "BackToSchoolPune": "Back to school 2026"},
            people=(
                Person("Aditi Kulkarni", 0.5, (2, 3, 4, 1, 1)),
                Person("Rohan Deshpande", 0.3, (4, 1, 1, 3, 0)),
                Person("Sneha Joshi", 0.2, (1, 3, 2, 0, 2)),
            ),
            gifts_per_day=0.55,
            campaign_gifts={"ExamReadyPune": 1.2, "BackToSchoolPune": 6.5},
            general_page="Donate to Pune Education Trust",
            campaign_pages={
                "ExamReadyPune": "Exam ready 2026 - sponsor a study kit",
                "BackToSchoolPune": "Back to school 2026 - sponsor a school kit",
            },
            amounts=(
                (251, 3),
                (500, 10),
                (501, 6),
                (1000, 9),
                (1001, 5),
                (1500, 3),
                (2000, 4),
                (2100, 3),
                (2500, 2),
                (5000, 2),
                (5100, 1),
                (10000, 1),
            ),
            sessions_per_day=95,
            social_share=0.16,
            crlf_time_log=False,
        ),
    ),
    Org(
        folder="sakhi-health-collective",
        name="Sakhi Women's Health Collective",
        base_url="https://sakhihealth.org.in",
        daily_budget_minutes=90,
        hourly_value=300,
        volunteer="Pooja Verma",
        volunteer_value=150,
        x_handle="SakhiHealth",
        ig_username="sakhi.health",
        fb_page_id="100091288457120",
        fb_file_id="724519036681247",
        fb_post_suffix="771264",
        ig_account_id="17841462305518893",
        ig_file_id="1205937746021183",
        growth=(1.0, 1.3),
        campaigns=(
            Campaign(
                "PeriodFriendlyIndia",
                date(2026, 5, 12),
                date(2026, 5, 25),
                date(2026, 5, 29),
                date(2026, 6, 5),
                4.0,
                2.4,
            ),
            Campaign(
                tag="PinkOctober",
                start=date(2026, 9, 28),
                peak_from=date(2026, 10, 8),
                peak_to=date(2026, 10, 22),
                end=date(2026, 10, 31),
                eng=2.4,
                posts=1.8,
            ),
        ),
        bad=(date(2026, 1, 1), date(2026, 1, 31)),
        winter_quiet=False,
        rates={"x": 0.5, "fb": 0.45, "ig": 0.4},
        base={"x_imp": 430, "fb_reach": 1050, "ig_reach": 950, "yt_views": 900},
        x_followers=(1720, 0.33, 1.0),
        fb_followers=(7900, 0.15),
        ig_followers=(6400, 0.38),
        outcomes=Outcomes(
            campaign_names={"PeriodFriendlyIndia": "Period friendly India 2026", "PinkOctober": "Pink October 2026"},
            people=(
                Person("Farah Siddiqui", 0.35, (1, 3, 4, 1, 2)),
                Person("Neha Srivastava", 0.3, (1, 2, 3, 2, 1)),
                Person("Kavita Yadav", 0.2, (0, 2, 1, 0, 4)),
                Person("Pooja Verma", 0.15, (3, 2, 2, 1, 0)),
            ),
            gifts_per_day=0.7,
            campaign_gifts={"PeriodFriendlyIndia": 4.0, "PinkOctober": 2.6},
            general_page="Support Sakhi Women's Health Collective",
            campaign_pages={
                "PeriodFriendlyIndia": "Period friendly India 2026 - pad banks for schools",
                "PinkOctober": "Pink October 2026 - free breast screening camps",
            },
            amounts=(
                (100, 3),
                (251, 4),
                (500, 10),
                (501, 5),
                (1000, 8),
                (1001, 4),
                (2000, 3),
                (2100, 3),
                (2500, 2),
                (5000, 2),
                (11000, 1),
            ),
            sessions_per_day=130,
            social_share=0.19,
            crlf_time_log=True,
        ),
    ),
    Org(
        folder="brahmaputra-flood-relief",
        name="Brahmaputra Flood Relief Network",
        base_url="https://brahmaputrarelief.org.in",
        daily_budget_minutes=45,
        hourly_value=200,
        volunteer="Rupjyoti Baruah",
        volunteer_value=120,
        x_handle="BrahmaputraRelief",
        ig_username="brahmaputra_relief",
        fb_page_id="100083906612748",
        fb_file_id="580211943367015",
        fb_post_suffix="295518",
        ig_account_id="17841449987021556",
        ig_file_id="1330175598402761",
        growth=(1.0, 1.25),
        campaigns=(
            Campaign(
                tag="AssamFloodAppeal",
                start=date(2026, 6, 15),
                peak_from=date(2026, 7, 8),
                peak_to=date(2026, 7, 22),
                end=date(2026, 8, 15),
                eng=9.0,
                posts=3.2,
            ),
        ),
        bad=(date(2026, 3, 1), date(2026, 3, 31)),
        winter_quiet=True,
        rates={"x": 0.5, "fb": 0.4, "ig": 0.25},
        base={"x_imp": 620, "fb_reach": 900, "ig_reach": 420, "yt_views": 800},
        x_followers=(3050, 0.30, 1.6),
        fb_followers=(9200, 0.28),
        ig_followers=(1850, 0.22),
        outcomes=Outcomes(
            campaign_names={"AssamFloodAppeal": "Assam flood appeal 2026"},
            people=(
                Person("Bikash Gogoi", 0.6, (3, 3, 1, 2, 2)),
                Person("Rupjyoti Baruah", 0.4, (1, 3, 2, 1, 3)),
            ),
            gifts_per_day=0.35,
            campaign_gifts={"AssamFloodAppeal": 14.0},
            general_page="Donate to Brahmaputra Flood Relief Network",
            campaign_pages={"AssamFloodAppeal": "Assam flood appeal 2026 - relief kits and clean water"},
            amounts=(
                (200, 3),
                (500, 10),
                (501, 4),
                (1000, 10),
                (1001, 4),
                (2000, 5),
                (2100, 2),
                (2500, 3),
                (5000, 3),
                (10000, 1),
                (25000, 1),
            ),
            sessions_per_day=80,
            social_share=0.2,
            crlf_time_log=False,
        ),
    ),
    Org(
        folder="kutch-mahila-bachat",
        name="Kutch Mahila Bachat Network",
        base_url="https://kutchmahilabachat.org.in",
        daily_budget_minutes=30,
        hourly_value=150,
        volunteer="Ruksana Node",
        volunteer_value=100,
        channels=("fb", "ig"),
        page_insights=("Follows.csv",),
        last_day=date(2026, 5, 20),  # nobody has downloaded an export since
        ig_username="kutch.mahila.bachat",
        fb_page_id="100089634201577",
        fb_file_id="648201539927184",
        fb_post_suffix="418830",
        ig_account_id="17841460077312409",
        ig_file_id="1271846630594428",
        growth=(0.9, 1.2),
        campaigns=(
            Campaign(
                tag="KutchNariShakti",
                start=date(2026, 2, 23),
                peak_from=date(2026, 3, 2),
                peak_to=date(2026, 3, 8),
                end=date(2026, 3, 15),
                eng=2.2,
                posts=1.8,
            ),
        ),
        bad=(date(2026, 4, 1), date(2026, 4, 30)),
        winter_quiet=False,
        rates={"fb": 0.4, "ig": 0.3},
        base={"fb_reach": 420, "ig_reach": 310},
        fb_followers=(2400, 0.12),
        ig_followers=(1300, 0.2),
        outcomes=Outcomes(
            campaign_names={"KutchNariShakti": "Mahila Divas mela 2026"},
            people=(
                Person("Hetal Thacker", 0.6, (0, 3, 3, 0, 2)),
                Person("Ruksana Node", 0.4, (0, 2, 1, 0, 3)),
            ),
            crlf_time_log=False,
            files=("time_log", "razorpay"),
            gifts_per_day=0.25,
            campaign_gifts={"KutchNariShakti": 1.5},
            general_page="Support Kutch Mahila Bachat Network",
            campaign_pages={"KutchNariShakti": "Mahila Divas mela 2026 - seed money for a new savings group"},
            amounts=((100, 4), (251, 5), (500, 8), (501, 4), (1000, 5), (1100, 3), (2100, 2), (5000, 1)),
        ),
    ),
    Org(
        folder="palash-tribal-school",
        name="Palash Tribal School Trust",
        base_url=None,
        daily_budget_minutes=20,
        hourly_value=120,
        volunteer="Jyoti Hansda",
        volunteer_value=100,
        channels=("fb",),
        page_insights=("Follows.csv",),
        fb_page_id="100092755318640",
        fb_file_id="731950284416027",
        fb_post_suffix="905372",
        growth=(0.9, 1.35),
        campaigns=(
            Campaign(
                tag="PadhegaJharkhand",
                start=date(2026, 6, 1),
                peak_from=date(2026, 6, 12),
                peak_to=date(2026, 6, 20),
                end=date(2026, 7, 5),
                eng=2.0,
                posts=1.6,
            ),
        ),
        bad=(date(2026, 5, 1), date(2026, 5, 31)),
        winter_quiet=False,
        rates={"fb": 0.36},
        base={"fb_reach": 380},
        fb_followers=(1500, 0.25),
        comments=2.5,
        outcomes=Outcomes(
            campaign_names={"PadhegaJharkhand": "School reopening 2026"},
            people=(
                Person("Salkhan Murmu", 0.7, (0, 4, 0, 0, 2)),
                Person("Jyoti Hansda", 0.3, (0, 3, 0, 0, 3)),
            ),
            crlf_time_log=False,
            files=("time_log",),
        ),
    ),
]

PORTFOLIOS = [
    Portfolio(
        name="Digital skills cohort 2026",
        slug="digital-skills-cohort-2026",
        description="The five grantees of our 2026 digital skills workshop, followed for a year after it.",
        tags=("workshop", "2026", "India"),
        organisations=tuple(o.name for o in ORGS),
    ),
]
