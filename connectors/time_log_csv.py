"""Time logs: the project's own template, and Toggl Track and Clockify detailed reports.

Each file becomes `time_entry` rows: who spent how many minutes, on which day, on which social platform
(channel) and on what kind of work (activity: create, engage, listen, measure). These minutes are
the "I" in ROI (METRICS.md, "Effort and return").

Choices, so the figures can be explained:
- Dates are day-first when a file does not say otherwise. Every cell of a file is read with one date
  order (Field.one_format), and day-first is tried first: the template is filled in by hand, and the
  people this is made for (India first) write 02/11/2026 for 2 November. A file with any date whose
  day is above 12 settles it (11/25/2026 makes the whole file month-first). Clockify writes dates in
  the exporting person's chosen format, so it is read the same way; a one-week Clockify export in the
  US format with no day above 12 would be misread, which is why the preview shows the dates.
- Channel and activity are free text in all three tools, classified by the regexes below; text that
  names no platform or activity is stored as NULL (the minutes still count as effort).
- Toggl and Clockify: the Project (or Tags, Task, Description) names the platform, Tags (or Task,
  Description, Project) the activity, the Client the campaign; the Description is the note.
  Non-profits that track social-media time usually make one project per platform, and clients are
  the nearest thing these tools have to a campaign or programme.
- entry_key: there is no entry id in any of these files. Toggl and Clockify entries are keyed by
  person, e-mail, start date, start time and description (an entry does not change start when the
  report is exported again); a template line by all of its cells. Identical lines in one file are
  numbered, so both count (TableSpec.number_duplicates).
"""

from connectors.base import Connector, col

TEMPLATE_FILENAME = "time_log_template.csv"
# Offered for download on the Upload page. Both ways of writing minutes are shown.
TEMPLATE_CSV = (
    "date,person,platform,activity,minutes,campaign,note\n"
    "2026-11-02,Priya Sharma,Instagram,create content,90,Clean Ganga Week,Reel of the riverbank clean-up\n"
    "2026-11-02,Arjun Nair,WhatsApp,engage and reply,0:45,Clean Ganga Week,Answered volunteers in the group\n"
    "2026-11-03,Meena Iyer,Facebook,measure and report,30,,Monthly reach figures for the trustees\n"
)

# Platform named in free text -> canonical platform id (connectors.PLATFORMS, plus WhatsApp, where much
# of an Indian non-profit's outreach happens). Tried in order: "Facebook and Instagram" is facebook.
CHANNELS: tuple[tuple[str, str], ...] = (
    (r"twitter|tweet|\bx\b|𝕏", "x"),
    (r"facebook|\bfb\b", "facebook"),
    (r"instagram|\binsta\b|\big\b", "instagram"),
    (r"youtube|you tube|\byt\b", "youtube"),
    (r"linked\s*-?in", "linkedin"),
    (r"tik\s*-?tok", "tiktok"),
    (r"whats\s*-?app", "whatsapp"),
    (r"mastodon", "mastodon"),
    (r"blue\s*sky|bsky", "bluesky"),
    (r"blog|wordpress", "blog"),
    (r"e-?mail|newsletter|mailchimp", "email"),
    (r"website|web\s*site|\bweb\b|\bsite\b", "website"),
)

# Kind of work -> the four activities of the ROI page. The template's own labels ("create content",
# "engage and reply", "listen and monitor", "measure and report") decide by their first word; other
# text by keywords, replies before content ("Replied to comments on the post" is engaging).
ACTIVITIES: tuple[tuple[str, str], ...] = (
    (r"^\W*creat", "create"),
    (r"^\W*engag", "engage"),
    (r"^\W*listen", "listen"),
    (r"^\W*measur", "measure"),
    (r"engag|repl(y|ie)|answer|quer(y|ie)|comment|respon|\bdms?\b|message|inbox|moderat", "engage"),
    (r"measur|report|analytic|insight|metric|review", "measure"),
    (r"listen|monitor|research|\bread(ing)?\b", "listen"),
    (r"creat|content|post|tweet|design|writ|video|\bedit|photo|graphic|reel|draft|schedul", "create"),
)

_DAY_FIRST = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
_MONTH_FIRST = ("%m/%d/%Y", "%m-%d-%Y")
# Day-first before month-first (see the module docstring); ISO dates are always accepted as well.
DAYS = _DAY_FIRST + _MONTH_FIRST + ("%Y-%m-%d",)
_TIMES = ("%H:%M:%S", "%H:%M", "%I:%M %p", "%I:%M:%S %p")
# The start is a date column and a time column read together (Field.joined).
_STARTS = tuple(f"{day} {time}" for day in DAYS for time in _TIMES)
# Lines with every cell empty (",,,,,," under a spreadsheet's last row) are not entries; they are
# counted as set aside rather than rejected one by one. The key reads every cell, so it is empty only then.
_NOT_EMPTY = {"entry_key": "."}
_EMPTY_NOTE = "empty lines"

TEMPLATE = Connector(
    name="time_log_template",
    label="time log (this product's template)",
    platform="template",
    table="time_entry",
    signature=("date", "person", "platform", "activity", "minutes"),
    fields={
        "entry_key": col("date", "person", "platform", "activity", "campaign", "note", "minutes", kind="hash"),
        "day": col("date", kind="date", formats=DAYS, one_format=True, required=True),
        "person": col("person", kind="text"),
        "channel": col("platform", kind="category", categories=CHANNELS),
        "activity": col("activity", kind="category", categories=ACTIVITIES),
        "minutes": col("minutes", kind="minutes", required=True),
        "campaign": col("campaign", kind="text"),
        "note": col("note", kind="text"),
    },
    keep_only=_NOT_EMPTY,
    keep_note=_EMPTY_NOTE,
    hint=f"download the template ({TEMPLATE_FILENAME}) on the Upload page and keep its header row",
)

TOGGL = Connector(
    name="toggl_detailed_csv",
    label="Toggl Track detailed report (CSV)",
    platform="toggl",
    table="time_entry",
    signature=("project", "description", "start date", "start time"),
    # Clockify's detailed report has the same columns but its durations are "Duration (h)".
    excludes=("duration (h)", "duration (decimal)"),
    fields={
        # Toggl Track's newer reports say "Member" and "Stop date" where older ones say "User" and "End date".
        "entry_key": col("User", "Member", "Email", "Start date", "Start time", "Description", kind="hash"),
        "day": col("Start date", kind="date", formats=DAYS, one_format=True, required=True),
        "started_at": col("Start date", "Start time", kind="timestamp", formats=_STARTS, one_format=True, joined=True),
        "person": col("User", "Member", kind="text"),
        "channel": col("Project", "Tags", "Task", "Description", kind="category", categories=CHANNELS, joined=True),
        "activity": col("Tags", "Task", "Description", "Project", kind="category", categories=ACTIVITIES, joined=True),
        "minutes": col("Duration", kind="minutes", required=True),
        "campaign": col("Client", kind="text"),
        "note": col("Description", kind="text"),
    },
    keep_only=_NOT_EMPTY,
    keep_note=_EMPTY_NOTE,
    hint="Toggl Track > Reports > Detailed > Export > Download CSV",
)

CLOCKIFY = Connector(
    name="clockify_detailed_csv",
    label="Clockify detailed report (CSV)",
    platform="clockify",
    table="time_entry",
    signature=("project", "description", "start date", "start time", "duration (h)"),
    fields={
        "entry_key": col("User", "Email", "Start Date", "Start Time", "Description", kind="hash"),
        "day": col("Start Date", kind="date", formats=DAYS, one_format=True, required=True),
        "started_at": col("Start Date", "Start Time", kind="timestamp", formats=_STARTS, one_format=True, joined=True),
        "person": col("User", kind="text"),
        "channel": col("Project", "Tags", "Task", "Description", kind="category", categories=CHANNELS, joined=True),
        "activity": col("Tags", "Task", "Description", "Project", kind="category", categories=ACTIVITIES, joined=True),
        # "Duration (h)" is 01:30:00, or 1.50 with the decimal duration setting; "Duration (decimal)" is
        # rounded to hundredths of an hour, so it is only the fallback.
        "minutes": col("Duration (h)", "Duration (decimal)", kind="minutes", scale=60, required=True),
        "campaign": col("Client", kind="text"),
        "note": col("Description", kind="text"),
    },
    keep_only=_NOT_EMPTY,
    keep_note=_EMPTY_NOTE,
    hint="Clockify > Reports > Detailed > Export > Save as CSV",
)
