"""Generate the fictional sample exports in sample_data/.

Three made-up Indian non-profits, one folder each, one year of data
(2025-12-01 .. 2026-11-25, "downloaded" on 2026-11-26).  The files copy the
byte-level conventions of real platform exports (see
shared/research/EXPORT_FORMATS.md sections 1c, 2b, 2c, 3, 4):

  X (x.com)                account_analytics_content_<from>_<to>.csv (two
                           header vintages, overlapping in June 2026) and
                           account_overview_analytics.csv
  Facebook (Meta BS)       <Mon-DD-YYYY>_<Mon-DD-YYYY>_<id>.csv, 42 columns,
                           UTF-8 BOM, "quote when a space is present"
  Instagram (Meta BS)      same naming and encoding, 2026 IG header
  Meta page insights       meta_insights/{Follows,Views,Visits}.csv, UTF-16 LE
  YouTube Studio           Content <from>_<to> <channel>.zip with Table data,
                           Chart data and Totals
  Time log                 time_log_<from>_<to>.csv, the product's own template
  Razorpay                 razorpay_payments_<from>_<to>.csv, Dashboard payments
                           report (rupees, day-first IST times)
  PayPal (one org)         Download.CSV, business activity download (section 9)
  Google Analytics 4       Traffic_acquisition_Session_source_medium.csv and
                           Traffic_acquisition_Date.csv (section 7)
  Mailchimp (one org)      campaigns.csv, the account's campaigns export (section 8)

Nothing here is real: names, ids, links, people and numbers are invented.
Standard library only; the output is byte-for-byte deterministic (fixed
seeds, fixed zip timestamps, no dependence on the clock or the locale).

Run:  python sample_data/generate.py
"""

import io
import json
import math
import random
import zipfile
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

OUT = Path(__file__).resolve().parent
VOLUNTEER_VALUE_SOURCE = "Our own estimate: the honorarium we pay field volunteers"

START = date(2025, 12, 1)
END = date(2026, 11, 25)  # inclusive; "yesterday" relative to 2026-11-26
IST = timezone(timedelta(hours=5, minutes=30))

EXPORT_AT = datetime(2026, 11, 26, 10, 0, tzinfo=IST)  # all exports but X part 1
X1_EXPORT_AT = datetime(
    2026, 7, 1, 10, 0, tzinfo=IST
)  # X part 1 was downloaded earlier
X1_RANGE = (date(2025, 12, 1), date(2026, 6, 30))
X2_RANGE = (date(2026, 6, 1), date(2026, 11, 25))
ZIP_DATE_TIME = (2026, 11, 26, 10, 15, 0)
TWEPOCH_MS = 1288834974657  # X snowflake epoch
UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Put one junk row (",,,https://x.com/<handle>/status/undefined,0,...") in the
# second X content file, as seen in a real export.  Importers must drop it.
X_JUNK_ROW = True

DAYS = [START + timedelta(days=i) for i in range((END - START).days + 1)]

MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
MONTHS_FULL = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

# Posting rhythm: more on Tue-Thu, fewer at the weekend, fewest on Sunday.
WEEKDAY_POST_W = [1.0, 1.45, 1.5, 1.4, 1.0, 0.65, 0.3]
# Posting hour (IST), 09:00-21:59, leaning towards the evening.
HOUR_W = [
    (9, 0.8),
    (10, 1.1),
    (11, 1.1),
    (12, 0.9),
    (13, 0.7),
    (14, 0.7),
    (15, 0.8),
    (16, 0.9),
    (17, 1.1),
    (18, 1.5),
    (19, 1.8),
    (20, 1.6),
    (21, 1.0),
]


# --------------------------------------------------------------------------
# The three organisations
# --------------------------------------------------------------------------

ORGS = [
    {
        "folder": "pune-education-trust",
        "name": "Pune Education Trust",
        "base_url": "https://puneeducationtrust.org.in",
        "daily_budget_minutes": 60,
        "hourly_value": 250,
        "volunteer": "Sneha Joshi",
        "volunteer_value": 150,
        "x_handle": "PuneEduTrust",
        "ig_username": "puneeducationtrust",
        "fb_page_id": "100087412093385",
        "fb_file_id": "613402117850394",
        "fb_post_suffix": "583107",
        "ig_account_id": "17841458120937664",
        "ig_file_id": "1094482317765120",
        "growth": (0.85, 1.45),
        "campaigns": [
            # tag, start, plateau from, plateau to, end, engagement x, posting x
            {
                "tag": "ExamReadyPune",
                "start": date(2026, 2, 9),
                "peak_from": date(2026, 2, 23),
                "peak_to": date(2026, 3, 6),
                "end": date(2026, 3, 20),
                "eng": 1.7,
                "posts": 1.6,
            },
            {
                "tag": "BackToSchoolPune",
                "start": date(2026, 5, 28),
                "peak_from": date(2026, 6, 10),
                "peak_to": date(2026, 6, 16),
                "end": date(2026, 6, 30),
                "eng": 3.6,
                "posts": 2.6,
            },
        ],
        "bad": (date(2026, 10, 1), date(2026, 10, 31)),
        "winter_quiet": False,
        "rates": {"x": 0.55, "fb": 0.42, "ig": 0.34},
        "base": {"x_imp": 520, "fb_reach": 850, "ig_reach": 640, "yt_views": 700},
        "followers": {"x": (2350, 0.24, 1.3), "fb": (5600, 0.18), "ig": (3100, 0.30)},
    },
    {
        "folder": "sakhi-health-collective",
        "name": "Sakhi Women's Health Collective",
        "base_url": "https://sakhihealth.org.in",
        "daily_budget_minutes": 90,
        "hourly_value": 300,
        "volunteer": "Pooja Verma",
        "volunteer_value": 150,
        "x_handle": "SakhiHealth",
        "ig_username": "sakhi.health",
        "fb_page_id": "100091288457120",
        "fb_file_id": "724519036681247",
        "fb_post_suffix": "771264",
        "ig_account_id": "17841462305518893",
        "ig_file_id": "1205937746021183",
        "growth": (1.0, 1.3),
        "campaigns": [
            {
                "tag": "PeriodFriendlyIndia",
                "start": date(2026, 5, 12),
                "peak_from": date(2026, 5, 25),
                "peak_to": date(2026, 5, 29),
                "end": date(2026, 6, 5),
                "eng": 4.0,
                "posts": 2.4,
            },
            {
                "tag": "PinkOctober",
                "start": date(2026, 9, 28),
                "peak_from": date(2026, 10, 8),
                "peak_to": date(2026, 10, 22),
                "end": date(2026, 10, 31),
                "eng": 2.4,
                "posts": 1.8,
            },
        ],
        "bad": (date(2026, 1, 1), date(2026, 1, 31)),
        "winter_quiet": False,
        "rates": {"x": 0.5, "fb": 0.45, "ig": 0.4},
        "base": {"x_imp": 430, "fb_reach": 1050, "ig_reach": 950, "yt_views": 900},
        "followers": {"x": (1720, 0.33, 1.0), "fb": (7900, 0.15), "ig": (6400, 0.38)},
    },
    {
        "folder": "brahmaputra-flood-relief",
        "name": "Brahmaputra Flood Relief Network",
        "base_url": "https://brahmaputrarelief.org.in",
        "daily_budget_minutes": 45,
        "hourly_value": 200,
        "volunteer": "Rupjyoti Baruah",
        "volunteer_value": 120,
        "x_handle": "BrahmaputraRelief",
        "ig_username": "brahmaputra_relief",
        "fb_page_id": "100083906612748",
        "fb_file_id": "580211943367015",
        "fb_post_suffix": "295518",
        "ig_account_id": "17841449987021556",
        "ig_file_id": "1330175598402761",
        "growth": (1.0, 1.25),
        "campaigns": [
            {
                "tag": "AssamFloodAppeal",
                "start": date(2026, 6, 15),
                "peak_from": date(2026, 7, 8),
                "peak_to": date(2026, 7, 22),
                "end": date(2026, 8, 15),
                "eng": 9.0,
                "posts": 3.2,
            },
        ],
        "bad": (date(2026, 3, 1), date(2026, 3, 31)),
        "winter_quiet": True,
        "rates": {"x": 0.5, "fb": 0.4, "ig": 0.25},
        "base": {"x_imp": 620, "fb_reach": 900, "ig_reach": 420, "yt_views": 800},
        "followers": {"x": (3050, 0.30, 1.6), "fb": (9200, 0.28), "ig": (1850, 0.22)},
    },
]


# --------------------------------------------------------------------------
# Captions.  Each template is a list of paragraphs.  Facebook and Instagram
# keep the line breaks; X export text has them flattened to spaces.
# --------------------------------------------------------------------------

TEXT = {
    "pune-education-trust": {
        "areas": [
            "Hadapsar",
            "Yerawada",
            "Bibwewadi",
            "Wagholi",
            "Pimpri",
            "Katraj",
            "Mundhwa",
            "Dhankawadi",
            "Warje",
            "Kondhwa",
        ],
        "places": [
            "PMC School No. 12",
            "PMC School No. 47",
            "Zilla Parishad School No. 3",
            "Savitribai Phule Vidyalaya",
            "Yerawada Vasti Shala",
            "Mahatma Phule Shala",
        ],
        "names": [
            "Sneha",
            "Aarti",
            "Pooja",
            "Komal",
            "Rutuja",
            "Omkar",
            "Sahil",
            "Vaishnavi",
            "Pranali",
            "Aditya",
            "Shravani",
            "Ganesh",
        ],
        "donors": [
            "our monthly donors",
            "the staff of a Baner software company",
            "students of a Shivajinagar college",
            "the Kothrud senior citizens' club",
            "an anonymous well-wisher",
        ],
        "hashtags": [
            "#Education",
            "#Pune",
            "#ReadingPune",
            "#EveryChildInSchool",
            "#शिक्षण",
        ],
        "general": [
            [
                "Reading circle at {place}, {area}: {n} children, {m} new library cards 📚",
                "मुलांना वाचन आवडतं! Kids who read together, grow together.",
            ],
            [
                "Meet {name}, Class {cls}, from our {area} centre.",
                '"Mala teacher vhaycha aahe," she told us — I want to become a teacher. We believe her. 🙏',
            ],
            [
                "Teacher training in {area}: {n} government-school teachers, 2 days, 1 goal — joyful maths ➕➗",
                "गणित सोपं आहे, if you teach it with beads, bottle caps and patience.",
            ],
            [
                "Thank you, {donor}, for sponsoring {n} library kits for our community learning centres 📖",
                "धन्यवाद! Every kit has 40 books in English, Marathi and Hindi.",
            ],
            [
                "Volunteer call 📣 We need weekend tutors for Std 5–8 in {area}.",
                "2 hours a week, one child, one whole year of difference. Sign up: {link}",
            ],
            [
                "Digital literacy lab update 💻 {n} girls at {area} finished their first Scratch project this week.",
                "Next up: a quiz game about the forts of Maharashtra, designed by them!",
            ],
            [
                'Parents\' meeting at {place}. Topics: attendance, mid-day meals, and "how do I help with homework if I never went to school?"',
                "Our answer: ask your child to teach you. Every parent can help. 👪",
            ],
            [
                "Did you know? At our {area} centre attendance went from {pct}% to {pct2}% after we started serving breakfast 🍌🥛",
                "Bhuk lagli tar shikta yet nahi — a hungry child can't learn.",
            ],
            [
                "Science Sunday 🔬 Kids in {area} built water filters with sand, charcoal & old bottles.",
                'Their verdict: "Tai, it\'s cleaner than the tap!" #STEMforAll',
            ],
            [
                "Our {area} learning centre turns {k} today 🎂",
                "{n} children, {m} volunteers and one very old ceiling fan. Thank you for being part of it.",
            ],
            [
                'Field visit to {place}, {area}: new benches, freshly painted walls, and a library corner the students named "Vachan Katta" ✨'
            ],
            [
                "Monthly update: {n} children in remedial classes, {m} parents at our meetings, {k} volunteers, {hours} volunteer hours.",
                "आभार, Pune! Full report: {link}",
            ],
        ],
        "campaign": {
            "ExamReadyPune": [
                [
                    "Board exams are {k} weeks away 📝 Free revision classes for Std 10 at our {area} centre, Mon–Fri, 6–8 pm.",
                    "परीक्षा? No tension. Bring your doubts, we'll bring the chai (for the parents ☕).",
                ],
                [
                    "Exam tip #{k}: sleep 7–8 hours the night before. Cramming at 2 am doesn't help, however tempting it is. 😴"
                ],
                [
                    "{n} SSC students joined today's mock test at {place}. Average score up {pct}% since January! 👏"
                ],
                [
                    "Feeling anxious about exams? Our counsellors are on WhatsApp every evening, 5–9 pm.",
                    'Message "EXAM" to the number in our bio. Tu ekta nahis — you are not alone. 💙',
                ],
                [
                    "Shout-out to our volunteer tutors {name} and {name2}, who gave {hours} hours this week to maths revision 🙌"
                ],
            ],
            "BackToSchoolPune": [
                [
                    "Day {k}: {n} school bags packed 🎒",
                    'Each bag: 6 notebooks, a geometry box, a water bottle and a "शुभेच्छा" card written by a volunteer.',
                ],
                [
                    "{amt} buys one complete school kit.",
                    "Help us reach {goal} children before schools reopen on 15 June! Donate: {link}",
                ],
                [
                    "Distribution day at {place}! {n} kits handed out, {m} smiles counted 😄",
                    "Shala suru zali — school has started!",
                ],
                [
                    "We crossed {n} kits! 🙏 Thank you, Pune. Only {m} to go.",
                    "Share this with one friend who still remembers the smell of new notebooks.",
                ],
                [
                    '"Last year I went to school with a plastic bag for my books," says {name}, Class {cls}, {area}.',
                    "This year: a blue backpack with her name on it. 💙",
                ],
                [
                    "Packing marathon this Sunday at our Kothrud office, 10 am–4 pm.",
                    "Volunteers, bring friends; we'll bring the vada pav 🥔",
                ],
            ],
        },
        "yt": {
            "general": [
                "Reading circle highlights, {month} 📚",
                "How we teach maths with bottle caps | Teacher training",
                'Meet {name}, Class {cls}: "I want to become a teacher"',
                "Science Sunday: DIY water filter #Shorts",
                "Digital literacy lab, {area} | Scratch projects by Std 6 girls",
                "A day at our {area} learning centre",
                "Why breakfast matters for learning #Shorts",
                "Parents, homework & us | पालक सभा",
                "Story time in Marathi: गोष्ट {month}",
                "Volunteer diaries: {name} in {area} #Shorts",
                "Teacher training, {month}: fractions with paper folding",
                "Our {area} centre in 60 seconds #Shorts",
                "Monthly update, {month} | Pune Education Trust",
                "Library corner makeover at {place}",
            ],
            "ExamReadyPune": [
                "SSC exam tips in Marathi: the last 30 days 📝",
                "Exam stress? 3 breathing tricks #Shorts #ExamReadyPune",
                "Mock test day at {place} #ExamReadyPune",
                "Board exam timetable, explained #Shorts",
            ],
            "BackToSchoolPune": [
                "Packing 1,000 school kits in one Sunday 🎒 #BackToSchoolPune",
                "Distribution day at {place} #Shorts #BackToSchoolPune",
                "#BackToSchoolPune: thank you, Pune!",
                "What's inside a school kit? #Shorts #BackToSchoolPune",
                "{name}'s first day back at school #BackToSchoolPune",
            ],
            "private": "Volunteer tutor orientation (internal)",
        },
    },
    "sakhi-health-collective": {
        "areas": [
            "Aliganj",
            "Chinhat",
            "Malihabad",
            "Bakshi Ka Talab",
            "Kakori",
            "Mohanlalganj",
            "Gosainganj",
            "Para",
            "Itaunja",
        ],
        "places": [
            "the Aliganj community hall",
            "the Chinhat anganwadi centre",
            "the Kakori panchayat bhawan",
            "our Malihabad clinic",
            "the Para Mahila Mandal",
        ],
        "names": [
            "Sunita",
            "Rekha",
            "Shabnam",
            "Kavita",
            "Meena",
            "Guddi",
            "Anjali",
            "Farzana",
            "Savitri",
            "Rukhsana",
            "Pushpa",
            "Nisha",
        ],
        "doctors": ["Nazia Rahman", "Shalini Verma", "Kiran Awasthi", "Meera Tripathi"],
        "donors": [
            "our monthly donors",
            "a Lucknow women's cooperative",
            "the alumni of a city nursing college",
            "an anonymous well-wisher",
        ],
        "hashtags": [
            "#WomensHealth",
            "#SakhiTalks",
            "#स्वास्थ्य",
            "#HealthForAll",
            "#Lucknow",
        ],
        "general": [
            [
                "Health camp in {area} today 🩺 {n} women screened for anaemia, {m} referred for follow-up.",
                "सेहत पहले, बाकी सब बाद में। 💪",
            ],
            [
                'Myth vs fact ❌ "Don\'t enter the kitchen during your period."',
                "✅ Fact: periods are a normal body process. No rules, no shame.",
            ],
            [
                "Our health sakhis in {area} trained {n} adolescent girls on nutrition this week 🥗",
                "Iron-rich thali = gud, chana, palak, and amla for vitamin C.",
            ],
            [
                "Thank you, Dr. {doc}, for a packed Q&A on PCOS at {place}.",
                'Questions ranged from diet, to irregular periods, to "can I still have children?" (yes, most women with PCOS can).',
            ],
            [
                "Mental health matters too 🌸 Our peer-support circle meets every Thursday, 4 pm, {area}.",
                "बात करो, हल्का लगेगा। Everyone welcome, no registration needed.",
            ],
            [
                "Sanitary pad bank restocked in {area} ✅ {n} packs available.",
                "Suggested contribution: ₹0 if you can't, ₹30 if you can.",
            ],
            [
                "{name}, {age}, walked {k} km to reach our camp in {area}.",
                '"Pehli baar kisi ne mera BP check kiya," she said — the first time anyone checked my BP. We\'ll be back next month.',
            ],
            [
                "Monthly numbers 📊 {n} women screened, {m} teleconsultations, {k} home visits.",
                "शुक्रिया to every volunteer who made this possible. Report: {link}",
            ],
            [
                "Pregnancy care session in {area}: {n} mothers-to-be learnt the danger signs to watch for, and where the nearest PHC is 🤰"
            ],
            [
                "Menopause is not a taboo topic 🗣️ Join our open session for women 40+ at {place}, Saturday 11 am."
            ],
        ],
        "campaign": {
            "PeriodFriendlyIndia": [
                [
                    "{k} days to Menstrual Hygiene Day 🩸",
                    "This year's promise: pad vending machines in {n} government schools around {area}.",
                ],
                [
                    "Period poverty is real. {pct}% of the girls we surveyed in {area} missed school during their period.",
                    "Let's change that, together: {link}",
                ],
                [
                    "Pad-making unit visit 🌱 Women in {area} made {n} biodegradable pads this week, and earned {amt} each."
                ],
                [
                    "Happy Menstrual Hygiene Day! 🩸",
                    "{n} girls, {m} schools, one message: माहवारी कोई शर्म की बात नहीं। #MHDay2026",
                ],
                [
                    "Dads and brothers, this one's for you 👨‍👧",
                    "Buying pads for your family is normal. Talking about periods at home is normal.",
                ],
                [
                    "{amt} gives one girl a year's supply of cloth pads & a clean storage pouch. Donate: {link}"
                ],
            ],
            "PinkOctober": [
                [
                    "Breast self-exam takes 5 minutes 🎗️ Look. Feel. Check. Every month, after your period.",
                    "Watch our 60-second guide in Hindi and share it with your mother, sister, saheli.",
                ],
                [
                    "Free breast screening camp, {area}: {n} women screened, {m} referred for mammography. #BreastCancerAwareness"
                ],
                [
                    '"I thought a lump without pain is nothing," says {name}, {age}.',
                    "Today she is in treatment and recovering. Early detection saves lives 🎗️",
                ],
                [
                    "Pink October, week {k}: {n} women reached through doorstep visits in {area} 💗"
                ],
                [
                    "Thank you, Dr. {doc}, for training {n} of our health sakhis in clinical breast examination 🙏"
                ],
            ],
        },
        "yt": {
            "general": [
                "Periods: myths vs facts | माहवारी के मिथक",
                "Anaemia screening: what happens at our health camp",
                "Iron-rich thali in 5 minutes #Shorts",
                "PCOS Q&A with Dr. {doc} (Hindi)",
                "Peer support circle, {area} | मन की बात",
                "Menopause: let's talk about it #Shorts",
                "A day with a health sakhi in {area}",
                "Pregnancy danger signs every family should know",
                "Health camp in {area}, {month}",
                "Ask the doctor: Dr. {doc} answers your questions",
                "Why is my haemoglobin low? #Shorts",
                "Teleconsultation: how it works (Hindi)",
                "Sakhi stories: {name} from {area}",
                "Monthly update, {month} | सखी",
            ],
            "PeriodFriendlyIndia": [
                "Menstrual Hygiene Day 2026 🩸 #PeriodFriendlyIndia",
                "How our pad-making unit works #Shorts #PeriodFriendlyIndia",
                "Talking to your daughter about periods (Hindi) #PeriodFriendlyIndia",
                "Pad vending machine at a government school #Shorts",
            ],
            "PinkOctober": [
                "Breast self-exam in 60 seconds (Hindi) 🎗️ #Shorts",
                "Screening camp in {area} #PinkOctober",
                '"Early detection saved me": {name}\'s story #PinkOctober',
                "Mammography: what to expect #PinkOctober",
                "Pink October, week by week #Shorts",
            ],
            "private": "Health sakhi refresher training, module 3 (internal)",
        },
    },
    "brahmaputra-flood-relief": {
        "areas": [
            "Dhemaji",
            "Lakhimpur",
            "Morigaon",
            "Barpeta",
            "Nalbari",
            "Goalpara",
            "Majuli",
            "Dhubri",
            "Darrang",
        ],
        "places": [
            "Bhogpur",
            "Ghilamara",
            "Jengraimukh",
            "Salmara",
            "Kaljani",
            "Bahari",
            "Tarabari",
            "Chenimari",
        ],
        "names": [
            "Rupali",
            "Jonali",
            "Bhaben",
            "Dipankar",
            "Mamoni",
            "Anowara",
            "Pranjal",
            "Bornali",
            "Hemanta",
            "Jahanara",
            "Nayanmoni",
        ],
        "donors": [
            "our monthly donors",
            "a Guwahati students' collective",
            "the tea-garden workers' union",
            "an anonymous well-wisher",
            "friends in Bengaluru",
        ],
        "hashtags": [
            "#Assam",
            "#FloodRelief",
            "#DisasterPreparedness",
            "#Brahmaputra",
            "#অসম",
        ],
        "general": [
            [
                "Preparedness training in {area}: {n} volunteers learnt boat safety, first aid & early-warning drills 🚤",
                "Before the water rises, we rise.",
            ],
            [
                "Rebuilding update from {area} 🏠 {n} homes on raised plinths completed this season."
            ],
            [
                "Winter on the river is quiet, but our work isn't 🌾 Seed kits for {n} farming families in {area}."
            ],
            [
                "ধন্যবাদ, {donor}! 🙏 Your support helped us stock {n} emergency kits before the monsoon."
            ],
            [
                "Char-area school visit, {area}: {n} children, one boat, and a teacher who rows 40 minutes every morning 🛶"
            ],
            [
                "Community meeting in {place}, {area}: mapping safe high ground, boat routes, and who needs help first",
                "(the elderly, pregnant women, people with disabilities).",
            ],
            [
                "Clean water check ✅ {n} tube-wells tested in {area}, {m} raised above the flood line."
            ],
            [
                "Volunteer spotlight: {name} from {area} has been with us since the 2022 floods.",
                '"Mur gaon, mur dayitwa" — my village, my responsibility.',
            ],
            [
                "Quarterly report is out 📄 {n} families supported, {amt} spent on relief & recovery.",
                "Every rupee accounted for: {link}",
            ],
        ],
        "campaign": {
            "AssamFloodAppeal": [
                [
                    "🚨 Water in {area} is above the danger mark. {n} villages cut off.",
                    "Our boats are carrying dry rations, ORS and tarpaulins. Please donate: {link}",
                ],
                [
                    "{amt} = one family relief kit: rice, dal, oil, ORS, candles, a tarpaulin."
                ],
                [
                    "Relief ops, day {k}: {n} families reached in {area} 🚤",
                    "বানপানী still rising. Please share.",
                ],
                [
                    "Health camp on the embankment at {area}: {n} people treated for fever, diarrhoea and skin infections."
                ],
                [
                    '"We lost our rice stock, our goats, everything," says {name} from {place}, {area}.',
                    "Today her family got a relief kit and a dry place to sleep. আমাৰ লগত থাকক — stay with us.",
                ],
                [
                    "Thank you! 🙏 {n} donors so far, {amt2} raised. We need {goal} to reach every family on our list."
                ],
                [
                    "Community kitchen at the {place} relief camp served {n} hot meals today 🍚"
                ],
                [
                    "Water is receding in {area}, but the work is just starting: clean-up, wells, seed for the next crop."
                ],
            ],
        },
        "yt": {
            "general": [
                "How to build a raised plinth home",
                "Boat safety drill, {area} #Shorts",
                "Seed kits for char farmers in {area}",
                "A teacher who rows to school 🛶 #Shorts",
                "Testing tube-wells before the monsoon",
                "Volunteer spotlight: {name} from {area}",
                "Early-warning drill in {place} | বানপানী",
                "Winter on the Brahmaputra #Shorts",
                "Rebuilding in {area}, {month}",
                "Mapping safe high ground in {place}",
                "First aid for flood volunteers (Assamese)",
                "Life on a char island #Shorts",
                "Monthly update, {month} | Brahmaputra Flood Relief Network",
            ],
            "AssamFloodAppeal": [
                "Assam floods 2026: relief boats reach {area} #AssamFloodAppeal",
                "Inside a flood relief camp in {area} #AssamFloodAppeal",
                '"We lost everything": {name}\'s story #Shorts #AssamFloodAppeal',
                "What your ₹1,500 relief kit contains #Shorts",
                "Community kitchen, {place} relief camp #Shorts #AssamFloodAppeal",
                "Health camp on the embankment, {area} #AssamFloodAppeal",
            ],
            "private": "Boat team briefing, monsoon 2026 (internal)",
        },
    },
}


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def inr(n):
    """Indian digit grouping: 250000 -> ₹2,50,000."""
    s = str(int(n))
    if len(s) > 3:
        head, tail = s[:-3], s[-3:]
        parts = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        if head:
            parts.insert(0, head)
        s = ",".join(parts) + "," + tail
    return "₹" + s


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def soft_cap(x, cap):
    """Roughly x for x << cap, saturating smoothly at cap."""
    return cap * math.tanh(x / cap)


def fmt_num(x, places):
    """4.1200 -> '4.12', 75.00 -> '75' (as YouTube Studio prints them)."""
    s = f"{x:.{places}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def hms(seconds):
    seconds = round(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def x_date_old(d):  # Feb-2025 vintage: "Mon Feb 17 2025"
    return f"{WEEKDAYS[d.weekday()]} {MONTHS[d.month - 1]} {d.day:02d} {d.year}"


def x_date_new(d):  # late-2025 vintage and overview: "Sat, Aug 1, 2026"
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def meta_file_date(d):  # "Dec-01-2025"
    return f"{MONTHS[d.month - 1]}-{d.day:02d}-{d.year}"


def yt_date(d):  # "Mar 15, 2025"
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def ms_since_epoch(dt):
    return (dt - UNIX_EPOCH) // timedelta(milliseconds=1)


def days_between(a, b):
    return (b - a) / timedelta(days=1)


# Cumulative share of a post's eventual lifetime figures after t days.
def accrual_x(t):
    if t <= 0:
        return 0.0
    return 1 - 0.92 * math.exp(-t / 0.8) - 0.08 * math.exp(-t / 20)


def accrual_meta(t):
    if t <= 0:
        return 0.0
    return 1 - 0.85 * math.exp(-t / 1.1) - 0.15 * math.exp(-t / 15)


def accrual_yt(t):
    if t <= 0:
        return 0.0
    return 1 - 0.7 * math.exp(-t / 2.5) - 0.3 * math.exp(-t / 45)


# --- CSV serialisation (hand-rolled so the quoting matches each platform) ---


def q(s):
    return '"' + s.replace('"', '""') + '"'


def quote_minimal(s):
    s = str(s)
    return q(s) if any(c in s for c in ',"\n\r') else s


def quote_meta(s):
    """Meta Business Suite: any field containing a space is quoted (header or
    data); fields that need quoting for CSV reasons are quoted too."""
    s = str(s)
    return q(s) if any(c in s for c in ' ,"\n\r\t') else s


def csv_text(rows, quote, eol):
    return "".join(",".join(quote(f) for f in row) + eol for row in rows)


def write_bytes(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# --------------------------------------------------------------------------
# The year's shape for one organisation
# --------------------------------------------------------------------------


class Year:
    def __init__(self, org):
        self.org = org

    def growth(self, d):
        g0, g1 = self.org["growth"]
        return g0 + (g1 - g0) * (d - START).days / (END - START).days

    def campaign(self, d):
        """(campaign, shape 0..1) for the campaign running on d, else (None, 0)."""
        for c in self.org["campaigns"]:
            if c["start"] <= d <= c["end"]:
                if d < c["peak_from"]:
                    shape = 0.25 + 0.75 * (d - c["start"]).days / max(
                        1, (c["peak_from"] - c["start"]).days
                    )
                elif d <= c["peak_to"]:
                    shape = 1.0
                else:
                    shape = 0.25 + 0.75 * (c["end"] - d).days / max(
                        1, (c["end"] - c["peak_to"]).days
                    )
                return c, shape
        return None, 0.0

    def is_bad(self, d):
        a, b = self.org["bad"]
        return a <= d <= b

    def winter(self, d):
        return self.org["winter_quiet"] and d.month in (12, 1, 2)

    def eng_mult(self, d, campaign_post=True):
        c, shape = self.campaign(d)
        m = self.growth(d)
        if c:
            amp = c["eng"] if campaign_post else 1 + (c["eng"] - 1) * 0.35
            m *= 1 + (amp - 1) * shape
        if self.is_bad(d):
            m *= 0.45
        if self.winter(d):
            m *= 0.75
        return m

    def post_mult(self, d):
        c, shape = self.campaign(d)
        m = math.sqrt(self.growth(d))
        if c:
            m *= 1 + (c["posts"] - 1) * shape
        if self.is_bad(d):
            m *= 0.22
        if self.winter(d):
            m *= 0.6
        return m


def pick_time(rng, d):
    hours, weights = zip(*HOUR_W)
    h = rng.choices(hours, weights)[0]
    return datetime.combine(
        d,
        time(h, rng.randrange(60), rng.randrange(60), rng.randrange(1000) * 1000),
        IST,
    )


def time_factor(dt):
    wd, h = dt.weekday(), dt.hour
    if wd < 5 and 18 <= h <= 21:
        return 1.4  # weekday evening
    if wd < 5 and h == 17:
        return 1.15
    if wd >= 5:
        return 0.85
    return 1.0


def fill(rng, tpl_lines, org, vocab, link, day_no):
    names = rng.sample(vocab["names"], 2)
    amount = rng.choice([500, 750, 1000, 1200, 1500, 2000, 2500])
    values = {
        "area": rng.choice(vocab["areas"]),
        "place": rng.choice(vocab["places"]),
        "name": names[0],
        "name2": names[1],
        "donor": rng.choice(vocab["donors"]),
        "doc": rng.choice(vocab.get("doctors", ["Anita Rao"])),
        "n": rng.choice(
            [
                12,
                18,
                24,
                25,
                30,
                36,
                40,
                45,
                52,
                60,
                75,
                80,
                96,
                120,
                140,
                160,
                200,
                250,
            ]
        ),
        "m": rng.choice([3, 4, 5, 6, 8, 9, 11, 12, 15, 18, 21, 27]),
        "k": day_no,
        "cls": rng.choice([4, 5, 6, 7, 8, 9]),
        "age": rng.choice([17, 19, 23, 28, 34, 38, 41, 46, 52, 58, 63]),
        "pct": rng.choice([18, 23, 27, 31, 38, 42, 55, 61]),
        "pct2": rng.choice([74, 79, 83, 86, 88, 91]),
        "hours": rng.choice([14, 20, 26, 32, 40, 48]),
        "amt": inr(amount),
        "amt2": inr(rng.choice([184500, 262750, 348200, 415900, 587300])),
        "goal": inr(rng.choice([800000, 1000000, 1500000]))
        if org["folder"] == "brahmaputra-flood-relief"
        else str(rng.choice([1000, 1500, 2000])),
        "link": link,
    }
    return [line.format(**values) for line in tpl_lines]


# Templates that only make sense on some dates (matched on their text).
TEMPLATE_DATES = [
    ("days to Menstrual Hygiene Day", lambda d: d < date(2026, 5, 28)),
    (
        "Happy Menstrual Hygiene Day",
        lambda d: date(2026, 5, 28) <= d <= date(2026, 5, 29),
    ),
    ("before schools reopen on 15 June", lambda d: d < date(2026, 6, 15)),
    ("Shala suru zali", lambda d: d >= date(2026, 6, 10)),
    ("Board exams are {k} weeks away", lambda d: d <= date(2026, 3, 6)),
    ("Pink October, week", lambda d: d.month == 10),
    ("above the danger mark", lambda d: d <= date(2026, 7, 31)),
    ("Water is receding", lambda d: d >= date(2026, 7, 24)),
    ("Winter on the river", lambda d: d.month in (11, 12, 1, 2)),
    ("before the monsoon", lambda d: 3 <= d.month <= 6),
]


def template_ok(tpl, d):
    text = " ".join(tpl)
    return all(pred(d) for key, pred in TEMPLATE_DATES if key in text)


def pick_template(rng, pool, d, recent):
    """A template valid on d, avoiding the last few used on this platform."""
    ok = [t for t in pool if template_ok(t, d)] or pool
    fresh = [t for t in ok if id(t) not in recent] or ok
    tpl = rng.choice(fresh)
    recent.append(id(tpl))
    del recent[:-4]
    return tpl


def make_caption(rng, org, d, camp, platform, recent):
    """Returns (paragraphs, has_link, hashtags list)."""
    vocab = TEXT[org["folder"]]
    if camp:
        tpl = pick_template(rng, vocab["campaign"][camp["tag"]], d, recent)
        day_no = max(1, (d - camp["start"]).days + 1)
        if camp["tag"] == "ExamReadyPune":
            day_no = max(1, (date(2026, 3, 20) - d).days // 7)
        if camp["tag"] == "PeriodFriendlyIndia":
            day_no = max(1, (date(2026, 5, 28) - d).days)
        if camp["tag"] == "PinkOctober":
            day_no = (d.day - 1) // 7 + 1 if d.month == 10 else 1
    else:
        tpl = pick_template(rng, vocab["general"], d, recent)
        day_no = rng.choice([2, 3, 4, 5, 6, 7, 8])
    has_link = any("{link}" in line for line in tpl)
    if platform == "x":
        link = "https://t.co/" + "".join(rng.choices(ALNUM, k=10))
    elif platform == "ig":
        link = "link in bio 🔗"
    else:
        link = org["base_url"] + rng.choice(
            ["/donate", "/volunteer", "/reports", "/campaign"]
        )
    lines = fill(rng, tpl, org, vocab, link, day_no)
    tags = []
    if camp:
        tags.append("#" + camp["tag"])
    tags += rng.sample(vocab["hashtags"], rng.choice([0, 1, 1, 2, 2, 3]))
    return lines, has_link, tags


ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B64URL = ALNUM + "-_"


def schedule(rng, year, rate):
    """Publish datetimes (IST) for one platform over the year."""
    # Expected posts per day, jittered, then emitted whenever the running sum
    # crosses a whole number: daily counts vary, monthly totals stay close to
    # the plan (pure Poisson gave accidental "bad months").
    times = []
    carry = rng.random()
    for d in DAYS:
        carry += (
            rate
            * WEEKDAY_POST_W[d.weekday()]
            * year.post_mult(d)
            * rng.uniform(0.3, 1.7)
        )
        while carry >= 1:
            carry -= 1
            times.append(pick_time(rng, d))
    times.sort()
    return times


def campaign_for_post(rng, year, d):
    c, shape = year.campaign(d)
    if c and rng.random() < 0.35 + 0.6 * shape:
        return c
    return None


def split_counts(rng, total, weights):
    """Multinomial split of `total` units over named weights."""
    names = list(weights)
    counts = dict.fromkeys(names, 0)
    if total > 0:
        for n in rng.choices(names, [weights[k] for k in names], k=total):
            counts[n] += 1
    return counts


# --------------------------------------------------------------------------
# X
# --------------------------------------------------------------------------

X_COMPONENTS = [
    "Likes",
    "Bookmarks",
    "Shares",
    "Replies",
    "Reposts",
    "Profile visits",
    "Detail expands",
    "Url clicks",
    "Hashtag clicks",
    "Permalink clicks",
]

X_HEADER_OLD = [
    "Post id",
    "Date",
    "Post text",
    "Link",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Share",
    "New follows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Detail expands",
    "Url clicks",
    "Hashtag clicks",
    "Permalink clicks",
]
X_HEADER_NEW = [
    "Post id",
    "Date",
    "Post text",
    "Post Link",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Detail Expands",
    "URL Clicks",
    "Hashtag Clicks",
    "Permalink Clicks",
]
X_METRIC_ORDER = [
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Detail expands",
    "Url clicks",
    "Hashtag clicks",
    "Permalink clicks",
]
X_OVERVIEW_HEADER = [
    "Date",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Unfollows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Create Post",
    "Video views",
    "Media views",
]


def x_text(lines, tags, rng):
    text = " ".join(lines)
    if tags:
        text += " " + " ".join(tags)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if len(text) > 275:  # long posts are cut, ending in a t.co link
        cut = text[:250].rsplit(" ", 1)[0]
        text = cut + " https://t.co/" + "".join(rng.choices(ALNUM, k=10))
    if rng.random() < 0.3:  # attached photo
        text += " https://t.co/" + "".join(rng.choices(ALNUM, k=10))
    return text


def build_x(org, year):
    rng = random.Random(org["folder"] + "/x")
    posts, used_ids, recent = [], set(), []
    for dt in schedule(rng, year, org["rates"]["x"]):
        d = dt.date()
        camp = campaign_for_post(rng, year, d)
        lines, has_link, tags = make_caption(rng, org, d, camp, "x", recent)
        text = x_text(lines, tags, rng)
        ms = ms_since_epoch(dt.astimezone(UTC))
        while True:
            pid = ((ms - TWEPOCH_MS) << 22) | rng.getrandbits(22)
            if pid not in used_ids:
                used_ids.add(pid)
                break
        cap = 30000 if camp else 5000
        imp = (
            org["base"]["x_imp"]
            * year.eng_mult(d, bool(camp))
            * time_factor(dt)
            * rng.lognormvariate(0, 0.55)
        )
        imp = int(soft_cap(imp, cap))
        if imp < 100:
            imp = 100 + rng.randrange(60)
        rate = rng.triangular(0.01, 0.06, 0.022) * (
            1.2 if time_factor(dt) > 1.1 else 1.0
        )
        if camp:
            rate *= 1.15
        eng = max(1, round(imp * min(rate, 0.06)))
        weights = {
            "Likes": 34,
            "Detail expands": 22,
            "Profile visits": 9,
            "Replies": 5,
            "Reposts": 7,
            "Bookmarks": 4,
            "Shares": 1,
            "Permalink clicks": 1,
            "Url clicks": 10 if has_link else 0.3,
            "Hashtag clicks": 4 if tags else 0,
            "other": 3,
        }
        if camp:
            weights["Reposts"] += 6
            weights["Shares"] += 2
        comp = split_counts(rng, eng, weights)
        u = {"Impressions": imp, "Engagements": eng}
        for k in X_COMPONENTS:
            u[k] = comp[k]
        u["New follows"] = poisson(rng, imp * (0.0012 if camp else 0.0006))
        posts.append({"id": pid, "dt": dt, "text": text, "u": u, "camp": camp})
    return posts


def x_lifetime(post, at):
    f = accrual_x(days_between(post["dt"], at))
    return {k: int(v * f) for k, v in post["u"].items()}


def x_content_file(org, posts, rng, rng_range, export_at, vintage):
    a, b = rng_range
    sel = [p for p in posts if a <= p["dt"].date() <= b]
    sel.sort(key=lambda p: p["dt"], reverse=True)
    # "Rows are not sorted by date": newest first, with local disorder.
    for _ in range(len(sel) // 3):
        i = rng.randrange(len(sel) - 1)
        j = min(len(sel) - 1, i + rng.randint(1, 4))
        sel[i], sel[j] = sel[j], sel[i]
    handle = org["x_handle"]
    out = []
    if vintage == "old":
        out.append(",".join(X_HEADER_OLD))
        for p in sel:
            life = x_lifetime(p, export_at)
            row = [
                str(p["id"]),
                x_date_old(p["dt"].date()),
                q(p["text"]),
                f"https://x.com/{handle}/status/{p['id']}",
            ] + [str(life[k]) for k in X_METRIC_ORDER]
            out.append(",".join(row))
        return ("\r\n".join(out) + "\r\n").encode("utf-8"), len(sel)
    rows = [X_HEADER_NEW]
    for p in sel:
        life = x_lifetime(p, export_at)
        rows.append(
            [
                str(p["id"]),
                x_date_new(p["dt"].date()),
                p["text"],
                f"https://x.com/{handle}/status/{p['id']}",
            ]
            + [str(life[k]) for k in X_METRIC_ORDER]
        )
    if X_JUNK_ROW:
        rows.insert(
            1 + len(sel) * 2 // 3,
            ["", "", "", f"https://x.com/{handle}/status/undefined"] + ["0"] * 13,
        )
    return csv_text(rows, quote_minimal, "\n").encode("utf-8"), len(sel)


def daily_accrual(posts, curve, keys, value_of):
    """Spread every post's eventual figures over IST calendar days."""
    idx = {d: i for i, d in enumerate(DAYS)}
    acc = {k: [0.0] * len(DAYS) for k in keys}
    for p in posts:
        i = idx[p["dt"].date()]
        prev = 0.0
        for j in range(i, len(DAYS)):
            day_end = datetime.combine(DAYS[j] + timedelta(days=1), time(0), IST)
            f = curve(days_between(p["dt"], day_end))
            step = f - prev
            prev = f
            vals = value_of(p)
            for k in keys:
                acc[k][j] += vals[k] * step
            if f > 0.9995:
                break
    return acc


def follower_series(rng, year, start, growth, unf_lambda):
    """Daily (new follows, unfollows): net growth ~= start*growth over the year."""
    unf = [poisson(rng, unf_lambda * (0.7 if year.is_bad(d) else 1.0)) for d in DAYS]
    w = [year.eng_mult(d) ** 0.85 for d in DAYS]
    k = (start * growth + sum(unf)) / sum(w)
    new = [poisson(rng, k * wi) for wi in w]
    return new, unf


def build_x_overview(org, year, posts):
    rng = random.Random(org["folder"] + "/x-overview")
    keys = [
        "Impressions",
        "Likes",
        "Engagements",
        "Bookmarks",
        "Shares",
        "Replies",
        "Reposts",
        "Profile visits",
        "New follows",
    ]
    acc = daily_accrual(posts, accrual_x, keys, lambda p: p["u"])
    start, growth, unf_lam = org["followers"]["x"]
    new, unf = follower_series(rng, year, start, growth, unf_lam)
    created = {}
    for p in posts:
        created[p["dt"].date()] = created.get(p["dt"].date(), 0) + 1
    rows = []
    for i, d in enumerate(DAYS):
        base = (
            org["base"]["x_imp"]
            * 0.22
            * year.eng_mult(d, False)
            * rng.lognormvariate(0, 0.35)
        )
        imp = round(acc["Impressions"][i] + base)
        likes = round(acc["Likes"][i] + base * 0.008)
        bm = round(acc["Bookmarks"][i])
        sh = round(acc["Shares"][i])
        rep = round(acc["Replies"][i] + base * 0.002)
        rp = round(acc["Reposts"][i])
        pv = round(acc["Profile visits"][i] + base * 0.01)
        eng = max(
            round(acc["Engagements"][i] + base * 0.025), likes + bm + sh + rep + rp + pv
        )
        nf = max(new[i], round(acc["New follows"][i]))
        media = round(imp * rng.uniform(0.02, 0.06))
        video = round(imp * rng.uniform(0.0, 0.01))
        rows.append(
            (
                d,
                [
                    x_date_new(d),
                    imp,
                    likes,
                    eng,
                    bm,
                    sh,
                    nf,
                    unf[i],
                    rep,
                    rp,
                    pv,
                    created.get(d, 0),
                    video,
                    media,
                ],
            )
        )
    rows.sort(key=lambda r: r[0], reverse=True)  # newest first
    table = [X_OVERVIEW_HEADER] + [[str(v) for v in r] for _, r in rows]
    stats = {
        "new_follows": sum(int(r[6]) for _, r in rows),
        "unfollows": sum(int(r[7]) for _, r in rows),
        "impressions_by_month": {},
    }
    for d, r in rows:
        key = f"{d.year}-{d.month:02d}"
        stats["impressions_by_month"][key] = (
            stats["impressions_by_month"].get(key, 0) + r[1]
        )
    return csv_text(table, quote_minimal, "\n").encode("utf-8"), len(rows), stats


# --------------------------------------------------------------------------
# Facebook (Meta Business Suite content export, Feb-Mar 2025 vintage)
# --------------------------------------------------------------------------

FB_HEADER = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (secs)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions, comments and shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Views",
    "Reach from Organic posts",
    "Reach from Boosted posts",
    "3-second video views",
    "1-minute video views",
    "3-second viewers",
    "1-minute viewers",
    "3-second video views from Boosted posts",
    "3-second video views from Organic posts",
    "Engaged users",
    "Negative feedback from users",
    "Unique negative feedback from users",
    "Seconds viewed",
    "Average Seconds viewed",
    "Estimated earnings (USD)",
    "Ad CPM (USD)",
    "Ad impressions",
    "Other clicks",
]


def meta_caption(lines, tags):
    body = "\n\n".join(lines)
    if tags:
        body += "\n\n" + " ".join(tags)
    return body


def build_fb(org, year):
    rng = random.Random(org["folder"] + "/fb")
    posts, recent = [], []
    counter = 122140000000 + rng.randrange(10**9)
    for dt in schedule(rng, year, org["rates"]["fb"]):
        d = dt.date()
        camp = campaign_for_post(rng, year, d)
        lines, has_link, tags = make_caption(rng, org, d, camp, "fb", recent)
        ptype = (
            "Links"
            if has_link and rng.random() < 0.6
            else rng.choices(["Photos", "Videos", "Reels"], [62, 12, 26])[0]
        )
        counter += rng.randint(60000, 420000)
        reach = (
            org["base"]["fb_reach"]
            * year.eng_mult(d, bool(camp))
            * time_factor(dt)
            * rng.lognormvariate(0, 0.5)
        )
        if ptype == "Reels":
            reach *= 1.3
        reach = int(soft_cap(reach, 8000))
        if reach < 200:
            reach = 200 + rng.randrange(90)
        views = round(reach * rng.uniform(1.2, 1.8))
        appeal = camp and camp["tag"] == "AssamFloodAppeal"
        u = {
            "Views": views,
            "Reach": reach,
            "Reactions": round(reach * rng.uniform(0.015, 0.05)),
            "Comments": round(reach * rng.uniform(0.001, 0.008)),
            "Shares": round(reach * rng.uniform(0.004, 0.02 if appeal else 0.008)),
            "Total clicks": round(reach * rng.uniform(0.01, 0.05)),
            "Negative": 1 if rng.random() < 0.08 else 0,
        }
        dur = 0
        if ptype == "Videos":
            dur = rng.randint(35, 300)
        elif ptype == "Reels":
            dur = rng.randint(12, 90)
        if ptype in ("Videos", "Reels"):
            u["3s"] = round(views * rng.uniform(0.35, 0.6))
            u["1m"] = round(u["3s"] * rng.uniform(0.1, 0.3)) if dur > 60 else 0
            u["avg_secs"] = max(3, round(dur * rng.uniform(0.15, 0.4)))
        post_id = f"{counter}{org['fb_post_suffix']}"
        if ptype == "Videos":
            permalink = f"https://www.facebook.com/{org['fb_page_id']}/videos/{rng.randrange(10**15, 2 * 10**15)}/"
        elif ptype == "Reels":
            permalink = (
                f"https://www.facebook.com/reel/{rng.randrange(5 * 10**14, 10**15)}/"
            )
        else:
            token = (
                "pfbid0"
                + ("2" if rng.random() < 0.6 else "")
                + "".join(rng.choices(B58, k=64))
            )
            permalink = f"https://www.facebook.com/permalink.php?story_fbid={token}&id={org['fb_page_id']}"
        posts.append(
            {
                "id": post_id,
                "dt": dt,
                "caption": meta_caption(lines, tags),
                "type": ptype,
                "dur": dur,
                "permalink": permalink,
                "u": u,
                "camp": camp,
                "crosspost": "1" if ptype == "Reels" and rng.random() < 0.3 else "0",
            }
        )
    return posts


def meta_lifetime(post):
    f = accrual_meta(days_between(post["dt"], EXPORT_AT))
    return {k: (int(v * f) if k != "avg_secs" else v) for k, v in post["u"].items()}


def fb_file(org, posts):
    rows = [FB_HEADER]
    for p in sorted(posts, key=lambda p: p["dt"], reverse=True):
        L = meta_lifetime(p)
        t = p["type"]
        rcs = L["Reactions"] + L["Comments"] + L["Shares"]
        engaged = min(L["Reach"], round((rcs + L["Total clicks"]) * 0.85))
        blank = ""
        row = [
            p["id"],
            org["fb_page_id"],
            org["name"],
            p["caption"],
            p["caption"] if t in ("Videos", "Reels") else blank,
            str(p["dur"]),
            p["dt"].strftime("%m/%d/%Y %H:%M"),
            "N/A",
            p["permalink"],
            p["crosspost"],
            "0",
            t,
            blank,
            blank,
            blank,
            blank,
            "Lifetime",
            str(L["Views"]),
            str(L["Reach"]),
            str(rcs),
            str(L["Reactions"]),
            str(L["Comments"]),
            str(L["Shares"]),
            str(L["Total clicks"]),
            str(L["Views"]),
            str(L["Reach"]),
            "0",
        ]
        if t == "Videos":
            row += [
                str(L["3s"]),
                str(L["1m"]),
                str(round(L["3s"] * 0.82)),
                str(round(L["1m"] * 0.88)),
                "0",
                str(L["3s"]),
                str(engaged),
                str(L["Negative"]),
                str(L["Negative"]),
                str(L["3s"] * L["avg_secs"]),
                str(L["avg_secs"]),
                "0",
                "0",
                "0",
                blank,
            ]
        elif t == "Reels":
            row += [
                blank,
                blank,
                blank,
                blank,
                "0",
                str(L["3s"]),
                blank,
                blank,
                blank,
                str(L["3s"] * L["avg_secs"]),
                str(L["avg_secs"]),
                "0",
                blank,
                "0",
                blank,
            ]
        else:
            other = blank
            if L["Total clicks"] > 0:
                other = str(
                    L["Total clicks"]
                    if t == "Photos"
                    else round(L["Total clicks"] * 0.3)
                )
            row += [
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                str(engaged),
                str(L["Negative"]),
                str(L["Negative"]),
                blank,
                blank,
                blank,
                blank,
                blank,
                other,
            ]
        assert len(row) == 42
        rows.append(row)
    data = "\ufeff" + csv_text(rows, quote_meta, "\n")
    return data.encode("utf-8"), len(rows) - 1


# --------------------------------------------------------------------------
# Instagram (Meta Business Suite content export, 2026 vintage)
# --------------------------------------------------------------------------

IG_HEADER = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
]


def build_ig(org, year):
    rng = random.Random(org["folder"] + "/ig")
    posts, used, recent = [], set(), []
    times = schedule(rng, year, org["rates"]["ig"])
    for n, dt in enumerate(times):
        d = dt.date()
        camp = campaign_for_post(rng, year, d)
        lines, _, tags = make_caption(rng, org, d, camp, "ig", recent)
        ptype = rng.choices(["IG image", "IG reel", "IG carousel"], [48, 32, 20])[0]
        reach = (
            org["base"]["ig_reach"]
            * year.eng_mult(d, bool(camp))
            * time_factor(dt)
            * rng.lognormvariate(0, 0.5)
        )
        if ptype == "IG reel":
            reach *= 1.4
        reach = int(soft_cap(reach, 6000))
        if reach < 150:
            reach = 150 + rng.randrange(70)
        views = round(
            reach
            * (rng.uniform(1.5, 3.0) if ptype == "IG reel" else rng.uniform(1.3, 2.2))
        )
        u = {
            "Views": views,
            "Reach": reach,
            "Likes": round(reach * rng.uniform(0.03, 0.07)),
            "Shares": round(reach * rng.uniform(0.002, 0.015)),
            "Follows": poisson(rng, reach * (0.0015 if camp else 0.0006)),
            "Comments": round(reach * rng.uniform(0.002, 0.01)),
            "Saves": round(reach * rng.uniform(0.002, 0.02)),
        }
        while True:
            pid = str(rng.choice([179, 180, 181, 182])) + str(
                rng.randrange(10**13, 10**14)
            )
            if pid not in used:
                used.add(pid)
                break
        # Shortcodes roughly increase with time, like real ones.
        second = "RSTUVWXYZa"[min(9, n * 10 // max(1, len(times)))]
        code = "D" + second + "".join(rng.choices(B64URL, k=9))
        kind = "reel" if ptype == "IG reel" else "p"
        posts.append(
            {
                "id": pid,
                "dt": dt,
                "caption": meta_caption(lines, tags),
                "type": ptype,
                "dur": rng.randint(12, 90) if ptype == "IG reel" else 0,
                "permalink": f"https://www.instagram.com/{kind}/{code}/",
                "u": u,
                "camp": camp,
            }
        )
    return posts


def ig_file(org, posts):
    rows = [IG_HEADER]
    for p in sorted(posts, key=lambda p: p["dt"], reverse=True):
        L = meta_lifetime(p)
        rows.append(
            [
                p["id"],
                org["ig_account_id"],
                org["ig_username"],
                org["name"],
                p["caption"],
                str(p["dur"]),
                p["dt"].strftime("%m/%d/%Y %H:%M"),
                p["permalink"],
                p["type"],
                "",
                "Lifetime",
                str(L["Views"]),
                str(L["Reach"]),
                str(L["Likes"]),
                str(L["Shares"]),
                str(L["Follows"]),
                str(L["Comments"]),
                str(L["Saves"]),
            ]
        )
    data = "\ufeff" + csv_text(rows, quote_meta, "\n")
    return data.encode("utf-8"), len(rows) - 1


# --------------------------------------------------------------------------
# Meta page-level insights (UTF-16 LE)
# --------------------------------------------------------------------------


def meta_insight_file(title, series):
    lines = ["sep=,", q(title), '"Date","Primary"']
    lines += [f'"{d.isoformat()}T00:00:00","{v}"' for d, v in series]
    return b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


def build_meta_insights(org, year, fb_posts):
    rng = random.Random(org["folder"] + "/meta-insights")
    acc = daily_accrual(fb_posts, accrual_meta, ["Views"], lambda p: p["u"])
    views, visits = [], []
    for i, d in enumerate(DAYS):
        base = (
            org["base"]["fb_reach"]
            * 0.12
            * year.eng_mult(d, False)
            * rng.lognormvariate(0, 0.3)
        )
        v = round(acc["Views"][i] + base)
        views.append((d, v))
        visits.append((d, round(v * rng.uniform(0.015, 0.04)) + poisson(rng, 2)))
    start, growth = org["followers"]["fb"]
    w = [year.eng_mult(d) ** 0.85 for d in DAYS]
    k = start * growth / sum(w)
    follows = [(d, poisson(rng, k * wi)) for d, wi in zip(DAYS, w)]
    nonzero = [(d, v) for d, v in follows if v > 0]
    files = {
        "Follows.csv": meta_insight_file("Facebook follows", nonzero),
        "Views.csv": meta_insight_file("Facebook views", views),
        "Visits.csv": meta_insight_file("Facebook visits", visits),
    }
    counts = {
        "Follows.csv": len(nonzero),
        "Views.csv": len(views),
        "Visits.csv": len(visits),
    }
    stats = {
        "fb_follows": sum(v for _, v in follows),
        "fb_zero_follow_days": len(follows) - len(nonzero),
    }
    return files, counts, stats


# --------------------------------------------------------------------------
# YouTube Studio
# --------------------------------------------------------------------------

YT_TABLE_HEADER = [
    "Content",
    "Video title",
    "Video publish time",
    "Duration",
    "Likes",
    "Dislikes",
    "Shares",
    "YouTube Premium views",
    "Regular viewers",
    "Casual viewers",
    "Average views per viewer",
    "New viewers",
    "Unique viewers",
    "Stayed to watch (%)",
    "Average view duration",
    "Engaged views",
    "Views",
    "Watch time (hours)",
    "Subscribers",
    "Impressions",
    "Impressions click-through rate (%)",
]


def yt_id(rng, used):
    while True:
        vid = "".join(rng.choices(B64URL, k=10)) + rng.choice("AEIMQUYcgkosw048")
        if vid not in used:
            used.add(vid)
            return vid


def build_youtube(org, year):
    rng = random.Random(org["folder"] + "/yt")
    vocab = TEXT[org["folder"]]
    yt = vocab["yt"]
    used = set()
    videos = []

    titles = set()

    def title_for(d, camp):
        pools = ([yt[camp["tag"]]] if camp and camp["tag"] in yt else []) + [
            yt["general"]
        ]
        for attempt in range(90):
            pool = pools[0] if attempt < 30 else pools[-1]
            t = rng.choice(pool).format(
                area=rng.choice(vocab["areas"]),
                name=rng.choice(vocab["names"]),
                place=rng.choice(vocab["places"]),
                cls=rng.choice([5, 6, 7]),
                doc=rng.choice(vocab.get("doctors", ["Anita Rao"])),
                month=f"{MONTHS_FULL[d.month - 1]} {d.year}",
            )
            if t not in titles:
                break
        else:
            t += " (part 2)"
        titles.add(t)
        return t

    def add_video(dt, camp, private=False):
        title = yt["private"] if private else title_for(dt.date(), camp)
        short = "#Shorts" in title
        dur = rng.randint(20, 59) if short else rng.randint(150, 900)
        target = (
            org["base"]["yt_views"]
            * year.eng_mult(dt.date(), bool(camp))
            * rng.lognormvariate(0, 0.75)
        )
        if short:
            target *= 1.6
        target = soft_cap(target, 20000)
        if private:
            target = rng.uniform(90, 160)
        videos.append(
            {
                "id": yt_id(rng, used),
                "dt": dt,
                "title": title,
                "dur": dur,
                "short": short,
                "target": max(110.0, target),
                "private": private,
                "camp": camp,
            }
        )

    # A few older videos that still get views during the year.
    for d in (date(2025, 8, 14), date(2025, 9, 23), date(2025, 10, 30)):
        add_video(pick_time(rng, d), None)
    # 2-4 uploads a month; more in campaign months, at most one in the bad month.
    month_starts = sorted({date(d.year, d.month, 1) for d in DAYS})
    for m0 in month_starts:
        mdays = [d for d in DAYS if d.year == m0.year and d.month == m0.month]
        camp_days = [d for d in mdays if year.campaign(d)[0]]
        n = rng.choice([2, 2, 3, 3, 4])
        if len(camp_days) >= 10:
            n += 1 if len(camp_days) < 20 else 2
        if year.is_bad(mdays[0]):
            n = rng.choice([0, 1])
        if year.winter(mdays[0]):
            n = min(n, 2)
        # Uploads favour weekdays and, in campaign months, the campaign's peak.
        weights = {
            d: (0.4 if d.weekday() > 4 else 1.0) * (0.3 + 3 * year.campaign(d)[1] ** 2)
            for d in mdays
        }
        chosen = []
        for _ in range(min(n, len(mdays))):
            cand = [d for d in mdays if d not in chosen]
            chosen.append(rng.choices(cand, [weights[d] for d in cand])[0])
        for d in sorted(chosen):
            camp, _ = year.campaign(d)
            add_video(pick_time(rng, d), camp if camp and rng.random() < 0.8 else None)
    # One private (unlisted) internal video, no publish time in the export.
    priv_day = date(2026, 4, 16)
    add_video(pick_time(rng, priv_day), None, private=True)

    # Daily views inside the window.
    daily = {}
    for v in videos:
        prev = accrual_yt(days_between(v["dt"], datetime.combine(START, time(0), IST)))
        total_share = 1 - prev
        for d in DAYS:
            if d < v["dt"].date():
                continue
            f = accrual_yt(
                days_between(
                    v["dt"], datetime.combine(d + timedelta(days=1), time(0), IST)
                )
            )
            lam = v["target"] * (f - prev) / max(total_share, 1e-9) * 0.97
            prev = f
            wd = d.weekday()
            lam *= 1.1 if wd < 5 else 0.85
            if year.is_bad(d):
                lam *= 0.7
            n = poisson(rng, lam)
            if n > 0:
                daily[(d, v["id"])] = n
    for v in videos:
        v["views"] = sum(n for (d, vid), n in daily.items() if vid == v["id"])

    # Table data rows.
    rows = []
    for v in videos:
        V = v["views"]
        pct = rng.uniform(0.3, 0.75) if v["short"] else rng.uniform(0.18, 0.45)
        avd = max(2, round(v["dur"] * pct))
        wt = round(V * avd / 3600, 4)
        # Long videos are found through thumbnails; Shorts mostly through the feed.
        if v["short"]:
            ctr = rng.uniform(1.5, 5.0)
            impressions = round(V * rng.uniform(0.1, 0.5))
        else:
            ctr = rng.uniform(2.0, 8.0)
            impressions = round(V * rng.uniform(0.35, 0.7) / (ctr / 100))
        if v["private"]:
            impressions = 0
        if v["private"] or impressions == 0:
            ctr = None
        subs = round(V * rng.uniform(0.0, 0.006)) - (
            rng.choice([1, 2, 3]) if rng.random() < 0.15 else 0
        )
        likes = round(V * rng.uniform(0.02, 0.06))
        rows.append(
            {
                "v": v,
                "likes": likes,
                "dislikes": round(likes * rng.uniform(0.0, 0.05)),
                "shares": round(V * rng.uniform(0.002, 0.012)),
                "premium": round(V * rng.uniform(0.005, 0.03)),
                "stayed": (
                    round(rng.uniform(35, 78), 2)
                    if v["short"] and not v["private"]
                    else None
                ),
                "avd": avd,
                "engaged": (round(V * rng.uniform(0.8, 0.97)) if v["short"] else V),
                "views": V,
                "wt": wt,
                "subs": subs,
                "impr": impressions,
                "ctr": (round(ctr, 2) if ctr is not None else None),
            }
        )
    rows.sort(key=lambda r: r["wt"], reverse=True)
    rows = [r for r in rows if r["views"] > 0]

    tot_views = sum(r["views"] for r in rows)
    tot_wt = round(sum(r["wt"] for r in rows), 4)
    stayed_rows = [r for r in rows if r["stayed"] is not None]
    stayed = sum(r["stayed"] * r["views"] for r in stayed_rows) / max(
        1, sum(r["views"] for r in stayed_rows)
    )
    ctr_rows = [r for r in rows if r["ctr"] is not None]
    tot_impr = sum(r["impr"] for r in rows)
    ctr = sum(r["ctr"] * r["impr"] for r in ctr_rows) / max(1, tot_impr)
    unique = round(tot_views / rng.uniform(1.3, 1.6))
    new_v = round(unique * rng.uniform(0.65, 0.8))
    regular = round(unique * rng.uniform(0.03, 0.07))
    total = [
        "Total",
        "",
        "",
        "",
        sum(r["likes"] for r in rows),
        sum(r["dislikes"] for r in rows),
        sum(r["shares"] for r in rows),
        sum(r["premium"] for r in rows),
        regular,
        unique - new_v - regular,
        fmt_num(tot_views / unique, 2),
        new_v,
        unique,
        fmt_num(stayed, 2),
        hms(tot_wt * 3600 / tot_views),
        sum(r["engaged"] for r in rows),
        tot_views,
        fmt_num(tot_wt, 4),
        sum(r["subs"] for r in rows),
        tot_impr,
        fmt_num(ctr, 2),
    ]
    table = [YT_TABLE_HEADER, [str(x) for x in total]]
    for r in rows:
        v = r["v"]
        table.append(
            [
                v["id"],
                v["title"],
                "" if v["private"] else yt_date(v["dt"].date()),
                str(v["dur"]),
                str(r["likes"]),
                str(r["dislikes"]),
                str(r["shares"]),
                str(r["premium"]),
                "",
                "",
                "",
                "",
                "",
                "" if r["stayed"] is None else fmt_num(r["stayed"], 2),
                hms(r["avd"]),
                str(r["engaged"]),
                str(r["views"]),
                fmt_num(r["wt"], 4),
                str(r["subs"]),
                str(r["impr"]),
                "" if r["ctr"] is None else fmt_num(r["ctr"], 2),
            ]
        )

    by_id = {v["id"]: v for v in videos}
    chart = [
        ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"]
    ]
    per_day = dict.fromkeys(DAYS, 0)
    for (d, vid), n in sorted(
        daily.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])
    ):
        v = by_id[vid]
        chart.append(
            [
                d.isoformat(),
                vid,
                v["title"],
                "" if v["private"] else yt_date(v["dt"].date()),
                str(v["dur"]),
                str(n),
            ]
        )
        per_day[d] += n
    totals = [["Date", "Views"]] + [[d.isoformat(), str(per_day[d])] for d in DAYS]

    folder = f"Content {START.isoformat()}_{END.isoformat()} {org['name']}"
    members = [
        ("Chart data.csv", csv_text(chart, quote_minimal, "\n").encode("utf-8")),
        ("Table data.csv", csv_text(table, quote_minimal, "\n").encode("utf-8")),
        ("Totals.csv", csv_text(totals, quote_minimal, "\n").encode("utf-8")),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    counts = {
        "Table data.csv": len(table) - 2,
        "Chart data.csv": len(chart) - 1,
        "Totals.csv": len(totals) - 1,
    }
    uploads = {}
    for v in videos:
        if v["dt"].date() >= START:
            key = f"{v['dt'].year}-{v['dt'].month:02d}"
            uploads[key] = uploads.get(key, 0) + 1
    views_by_month = {}
    for d, n in per_day.items():
        key = f"{d.year}-{d.month:02d}"
        views_by_month[key] = views_by_month.get(key, 0) + n
    stats = {
        "uploads": uploads,
        "views_by_month": views_by_month,
        "total_views": tot_views,
        "subscribers": sum(r["subs"] for r in rows),
        "top": max(rows, key=lambda r: r["views"]),
    }
    return folder + ".zip", buf.getvalue(), counts, stats


# --------------------------------------------------------------------------
# Effort and outcomes: time log, donations, website traffic, newsletters.
# Each file has its own random.Random seed, so the social exports above keep
# their bytes whatever happens here.
# --------------------------------------------------------------------------

WEEKDAYS_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PERIOD = f"{START.isoformat()}_{END.isoformat()}"
TIME_LOG_NAME = f"time_log_{PERIOD}.csv"
RAZORPAY_NAME = f"razorpay_payments_{PERIOD}.csv"
GA4_SOURCE_NAME = "Traffic_acquisition_Session_source_medium.csv"
GA4_DATE_NAME = "Traffic_acquisition_Date.csv"
PAYPAL_NAME = "Download.CSV"
MAILCHIMP_NAME = "campaigns.csv"

ACTIVITY_LABEL = {
    "create": "create content",
    "engage": "engage and reply",
    "listen": "listen and monitor",
    "measure": "measure and report",
}
ACTIVITY_W = {"create": 0.46, "engage": 0.30, "listen": 0.12, "measure": 0.12}
PLATFORM_LABEL = {"x": "X", "fb": "Facebook", "ig": "Instagram", "yt": "YouTube", "wa": "WhatsApp"}

# Per organisation: campaign names as the team writes them, the people who log
# time (name, share of the work, platform weights x/fb/ig/yt/wa), donations and
# website traffic levels.
OUTCOMES = {
    "pune-education-trust": {
        "campaign_names": {"ExamReadyPune": "Exam ready 2026", "BackToSchoolPune": "Back to school 2026"},
        "people": [
            ("Aditi Kulkarni", 0.5, (2, 3, 4, 1, 1)),
            ("Rohan Deshpande", 0.3, (4, 1, 1, 3, 0)),
            ("Sneha Joshi", 0.2, (1, 3, 2, 0, 2)),
        ],
        # donations per day outside campaigns, extra per unit of campaign shape
        "gifts_per_day": 0.55,
        "campaign_gifts": {"ExamReadyPune": 1.2, "BackToSchoolPune": 6.5},
        "general_page": "Donate to Pune Education Trust",
        "campaign_pages": {
            "ExamReadyPune": "Exam ready 2026 - sponsor a study kit",
            "BackToSchoolPune": "Back to school 2026 - sponsor a school kit",
        },
        "amounts": ((251, 3), (500, 10), (501, 6), (1000, 9), (1001, 5), (1500, 3), (2000, 4), (2100, 3),
                    (2500, 2), (5000, 2), (5100, 1), (10000, 1)),
        "sessions_per_day": 95,
        "social_share": 0.16,
        "crlf_time_log": False,
    },
    "sakhi-health-collective": {
        "campaign_names": {"PeriodFriendlyIndia": "Period friendly India 2026", "PinkOctober": "Pink October 2026"},
        "people": [
            ("Farah Siddiqui", 0.35, (1, 3, 4, 1, 2)),
            ("Neha Srivastava", 0.3, (1, 2, 3, 2, 1)),
            ("Kavita Yadav", 0.2, (0, 2, 1, 0, 4)),
            ("Pooja Verma", 0.15, (3, 2, 2, 1, 0)),
        ],
        "gifts_per_day": 0.7,
        "campaign_gifts": {"PeriodFriendlyIndia": 4.0, "PinkOctober": 2.6},
        "general_page": "Support Sakhi Women's Health Collective",
        "campaign_pages": {
            "PeriodFriendlyIndia": "Period friendly India 2026 - pad banks for schools",
            "PinkOctober": "Pink October 2026 - free breast screening camps",
        },
        "amounts": ((100, 3), (251, 4), (500, 10), (501, 5), (1000, 8), (1001, 4), (2000, 3), (2100, 3),
                    (2500, 2), (5000, 2), (11000, 1)),
        "sessions_per_day": 130,
        "social_share": 0.19,
        "crlf_time_log": True,  # saved from Excel as "CSV UTF-8": BOM and CRLF
    },
    "brahmaputra-flood-relief": {
        "campaign_names": {"AssamFloodAppeal": "Assam flood appeal 2026"},
        "people": [
            ("Bikash Gogoi", 0.6, (3, 3, 1, 2, 2)),
            ("Rupjyoti Baruah", 0.4, (1, 3, 2, 1, 3)),
        ],
        "gifts_per_day": 0.35,
        "campaign_gifts": {"AssamFloodAppeal": 14.0},
        "general_page": "Donate to Brahmaputra Flood Relief Network",
        "campaign_pages": {"AssamFloodAppeal": "Assam flood appeal 2026 - relief kits and clean water"},
        "amounts": ((200, 3), (500, 10), (501, 4), (1000, 10), (1001, 4), (2000, 5), (2100, 2), (2500, 3),
                    (5000, 3), (10000, 1), (25000, 1)),
        "sessions_per_day": 80,
        "social_share": 0.2,
        "crlf_time_log": False,
    },
}

NOTES = {
    "create": [
        "Reel from the {area} session",
        "Poster and caption for the week",
        "Drafted and scheduled posts",
        "Edited short video, {area}",
        "Photos from {area}, picked and captioned",
        "Thread on what we did this month",
    ],
    "engage": [
        "Replied to comments",
        "Answered DMs",
        "Thanked donors in the comments",
        "Answered questions in the group",
        "Replied to comments and shares, {area} post",
    ],
    "listen": [
        "Checked mentions and hashtags",
        "Read what partner NGOs posted",
        "Looked for local news to share",
    ],
    "measure": [
        "Weekly numbers into the report sheet",
        "Monthly reach figures for the trustees",
        "Checked which posts brought donations",
    ],
}
CAMPAIGN_NOTES = {
    "create": ["{camp}: reel", "{camp}: poster and caption", "{camp}: appeal video", "{camp}: donor thank-you post"],
    "engage": ["{camp}: replied to comments", "{camp}: answered donors' questions", "{camp}: thanked donors"],
    "listen": ["Tracked #{tag} mentions"],
    "measure": ["{camp}: daily donations and reach", "{camp}: results for the board"],
}


def day_shape(year, d):
    """(campaign name or None, shape 0..1, bad month?, quiet winter?) for d."""
    c, shape = year.campaign(d)
    name = OUTCOMES[year.org["folder"]]["campaign_names"][c["tag"]] if c else None
    return c, name, shape, year.is_bad(d), year.winter(d)


def build_time_log(org, year):
    """The team's time log in the product's template. Returns (bytes, rows, per-day minutes)."""
    rng = random.Random(org["folder"] + "/time-log")
    conf = OUTCOMES[org["folder"]]
    areas = TEXT[org["folder"]]["areas"]
    budget = org["daily_budget_minutes"]
    rows = [["date", "person", "platform", "activity", "minutes", "campaign", "note"]]
    per_day = {}
    for d in DAYS:
        c, camp, shape, bad, winter = day_shape(year, d)
        wd = d.weekday()
        p = [0.95, 0.96, 0.96, 0.95, 0.92, 0.5, 0.2][wd]
        if c:
            p = max(p, 0.55 + 0.45 * shape)
        if bad:
            p *= 0.4
        if winter:
            p *= 0.85
        if rng.random() >= p:
            continue
        level = rng.gauss(0.82, 0.2) * (0.6 if wd >= 5 else 1.0)
        if c:
            level *= 1 + (c["posts"] - 1) * 0.6 * shape
        if bad:
            level *= 0.45
        if winter:
            level *= 0.8
        total = max(15, 5 * round(budget * level / 5))
        n = 1 + (total >= 45) + (total >= 90) + (total >= 140)
        weights = [rng.uniform(0.6, 1.4) for _ in range(n)]
        parts = [max(10, 5 * round(total * w / sum(weights) / 5)) for w in weights]
        first_days = d.day <= 3 and wd < 5
        for minutes in parts:
            aw = dict(ACTIVITY_W)
            if first_days or wd == 0:
                aw["measure"] *= 2.5
            if c:
                aw["create"] *= 1.2
                aw["engage"] *= 1.3
            activity = rng.choices(list(aw), list(aw.values()))[0]
            person = rng.choices(conf["people"], [pp[1] for pp in conf["people"]])[0]
            pw = list(person[2])
            if activity == "measure":
                pw[4] = 0  # nobody measures WhatsApp
            platform = rng.choices(list(PLATFORM_LABEL), pw)[0]
            label = PLATFORM_LABEL[platform]
            if rng.random() < 0.04:
                label = {"x": "Twitter", "fb": "FB", "ig": "Insta", "yt": "YT", "wa": "Whatsapp"}[platform]
            named = camp if c and activity != "listen" and rng.random() < 0.55 + 0.4 * shape else ""
            if named:
                note = rng.choice(CAMPAIGN_NOTES[activity]).format(camp=camp, tag=c["tag"])
            elif c and activity == "listen" and rng.random() < 0.5:
                note = CAMPAIGN_NOTES["listen"][0].format(tag=c["tag"])
            else:
                note = rng.choice(NOTES[activity]).format(area=rng.choice(areas))
            if rng.random() < 0.08:
                note = ""
            written = f"{minutes // 60}:{minutes % 60:02d}" if minutes >= 60 and rng.random() < 0.2 else str(minutes)
            rows.append([d.isoformat(), person[0], label, ACTIVITY_LABEL[activity], written, named, note])
            per_day[d] = per_day.get(d, 0) + minutes
    if conf["crlf_time_log"]:
        data = ("\ufeff" + csv_text(rows, quote_minimal, "\r\n")).encode("utf-8")
    else:
        data = csv_text(rows, quote_minimal, "\n").encode("utf-8")
    return data, len(rows) - 1, per_day


def fake_id(rng, prefix, n):
    return prefix + "".join(rng.choice(ALNUM) for _ in range(n))


def money(x):
    return f"{x:.2f}"


RAZORPAY_HEADER = [
    "id", "amount", "currency", "status", "order_id", "invoice_id", "international", "method",
    "amount_refunded", "refund_status", "captured", "description", "card_id", "bank", "wallet", "vpa",
    "email", "contact", "notes", "fee", "tax", "error_code", "error_description", "created_at",
]  # fmt: skip
FIRST_NAMES = [
    "Aarav", "Ananya", "Arjun", "Bhavna", "Chetan", "Deepa", "Farhan", "Gauri", "Harsh", "Isha", "Jaya",
    "Karan", "Lata", "Manish", "Nandini", "Omkar", "Pallavi", "Rahul", "Sana", "Tanvi", "Uday", "Vidya",
    "Yash", "Zoya", "Meera", "Nitin", "Ritu", "Suresh", "Anil", "Kiran",
]  # fmt: skip
LAST_NAMES = [
    "Sharma", "Patil", "Iyer", "Das", "Khan", "Mehta", "Reddy", "Nair", "Bora", "Gupta", "Saikia", "Joshi",
    "Kapoor", "Mishra", "Pawar", "Rao", "Singh", "Tiwari", "Hazarika", "Menon",
]  # fmt: skip
VPA_HANDLES = ["okhdfcbank", "oksbi", "okicici", "okaxis", "ybl", "paytm", "ibl"]
BANKS = ["HDFC", "SBIN", "ICIC", "UTIB", "KKBK", "PUNB", "BARB"]
WALLETS = ["paytm", "phonepe", "mobikwik", "amazonpay", "freecharge"]
FAILURES = [
    ("BAD_REQUEST_ERROR", "Payment was cancelled by the customer"),
    ("BAD_REQUEST_ERROR", "Payment failed because of an incorrect UPI PIN"),
    ("GATEWAY_ERROR", "Payment processing failed because of an error at the bank"),
]


def donor_pool(rng, n):
    """Repeat donors: a fixed pool of made-up people with example.org addresses."""
    people, seen = [], set()
    while len(people) < n:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        email = f"{first.lower()}.{last.lower()}{rng.randrange(10, 99)}@example.org"
        contact = f"+9190000{rng.randrange(10000, 99999)}"
        people.append({"name": f"{first} {last}", "email": email, "contact": contact})
    return people


def build_razorpay(org, year):
    """Razorpay Dashboard payments report (rupees, day-first IST times). Returns (bytes, rows, payments)."""
    rng = random.Random(org["folder"] + "/razorpay")
    conf = OUTCOMES[org["folder"]]
    donors = donor_pool(rng, 160)
    amounts, amount_w = zip(*conf["amounts"])
    payments = []
    for d in DAYS:
        c, camp, shape, bad, winter = day_shape(year, d)
        lam = conf["gifts_per_day"] * year.growth(d) * (1.15 if d.weekday() >= 5 else 1.0)
        if c:
            lam += conf["campaign_gifts"][c["tag"]] * shape
        if bad:
            lam *= 0.35
        if winter:
            lam *= 0.6
        for _ in range(poisson(rng, lam)):
            when = pick_time(rng, d).replace(microsecond=0)
            amount = rng.choices(amounts, amount_w)[0]
            if c and rng.random() < 0.3:
                amount = rng.choice([1500, 2000, 2500, 3000, 5000])  # "one kit" / "five kits" buttons
            donor = rng.choice(donors)
            method = rng.choices(["upi", "card", "netbanking", "wallet"], [55, 20, 18, 7])[0]
            r = rng.random()
            status = "captured" if r < 0.93 else "failed" if r < 0.975 else "refunded" if r < 0.99 else "partial"
            payments.append(
                {
                    "dt": when,
                    "amount": amount,
                    "method": method,
                    "status": status,
                    "donor": donor,
                    "campaign": camp if c and rng.random() < 0.85 else None,
                    "tag": c["tag"] if c else None,
                    "notes": rng.random() < 0.6,
                }
            )
    rows = [RAZORPAY_HEADER]
    for p in payments:
        row = dict.fromkeys(RAZORPAY_HEADER, "")
        amount, status = p["amount"], p["status"]
        refunded = {"refunded": amount, "partial": amount // 2}.get(status, 0)
        captured = status != "failed"
        fee = round(amount * 0.0236, 2) if captured else 0
        row.update(
            id=fake_id(rng, "pay_", 14),
            amount=money(amount),
            currency="INR",
            status="captured" if status == "partial" else status,
            order_id=fake_id(rng, "order_", 14),
            international="0",
            method=p["method"],
            amount_refunded=money(refunded),
            refund_status={"refunded": "full", "partial": "partial"}.get(status, ""),
            captured="1" if captured else "0",
            description=conf["campaign_pages"][p["tag"]] if p["campaign"] else conf["general_page"],
            email=p["donor"]["email"],
            contact=p["donor"]["contact"],
            fee=money(fee),
            tax=money(round(amount * 0.0036, 2) if captured else 0),
            created_at=p["dt"].strftime("%d/%m/%Y %H:%M:%S"),
        )
        if p["method"] == "upi":
            row["vpa"] = p["donor"]["email"].split("@")[0].replace(".", "") + "@" + rng.choice(VPA_HANDLES)
        elif p["method"] == "card":
            row["card_id"] = fake_id(rng, "card_", 14)
        elif p["method"] == "netbanking":
            row["bank"] = rng.choice(BANKS)
        else:
            row["wallet"] = rng.choice(WALLETS)
        if p["notes"]:
            row["notes"] = json.dumps({"name": p["donor"]["name"], "pan": "ABCDE1234F"}, separators=(",", ":"))
        if status == "failed":
            row["error_code"], row["error_description"] = rng.choice(FAILURES)
        p["net"] = amount - refunded if captured else 0
        p["counted"] = captured
        rows.append([row[h] for h in RAZORPAY_HEADER])
    data = csv_text(rows, quote_minimal, "\n").encode("utf-8")
    return data, len(rows) - 1, payments


PAYPAL_HEADER = [
    "Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net",
    "From Email Address", "To Email Address", "Transaction ID", "Shipping Address", "Address Status",
    "Item Title", "Item ID", "Shipping and Handling Amount", "Insurance Amount", "Sales Tax", "Option 1 Name",
    "Option 1 Value", "Option 2 Name", "Option 2 Value", "Reference Txn ID", "Invoice Number", "Custom Number",
    "Quantity", "Receipt ID", "Balance", "Address Line 1", "Address Line 2/District/Neighborhood", "Town/City",
    "State/Province/Region/County/Territory/Prefecture/Republic", "Zip/Postal Code", "Country",
    "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact",
]  # fmt: skip
PAYPAL_DONORS = [
    ("Anjali Bora", "United States", "US"),
    ("Rituparna Saikia", "United Kingdom", "GB"),
    ("David Miller", "United States", "US"),
    ("Priyanka Hazarika", "Canada", "CA"),
    ("Manoj Kalita", "Australia", "AU"),
    ("Sarah Thompson", "United Kingdom", "GB"),
    ("Dipankar Das", "United States", "US"),
    ("Mridula Baruah", "Singapore", "SG"),
]


def usd(x):
    return f"{x:,.2f}"


def build_paypal(org, year):
    """PayPal business activity download: a few USD gifts from abroad during the appeal, one refund and
    one withdrawal. Returns (bytes, rows, list of counted (datetime, signed amount))."""
    rng = random.Random(org["folder"] + "/paypal")
    c = org["campaigns"][0]
    receiver = "donate@" + org["base_url"].split("//")[1]
    span = (c["end"] - c["start"]).days
    gifts = []
    for name, country, code in PAYPAL_DONORS:
        d = c["start"] + timedelta(days=rng.randrange(span))
        if rng.random() < 0.6:  # most gifts come around the peak
            d = c["peak_from"] + timedelta(days=rng.randrange((c["peak_to"] - c["peak_from"]).days + 1))
        when = datetime.combine(d, time(rng.randrange(6, 23), rng.randrange(60), rng.randrange(60)))
        gross = rng.choice([25, 50, 50, 100, 100, 150, 250, 500])
        gifts.append((when, name, country, code, gross))
    gifts.sort()
    events = []
    for when, name, country, code, gross in gifts:
        email = name.lower().replace(" ", ".") + "@example.org"
        events.append(("gift", when, name, email, country, code, gross, fake_id(rng, "", 17).upper()))
    # The first gift from the UK was sent twice by mistake; the second is refunded a day later.
    dup = next(e for e in events if e[4] == "United Kingdom")
    dup_when = dup[1] + timedelta(minutes=3)
    events.append(("gift", dup_when, *dup[2:7], fake_id(rng, "", 17).upper()))
    refund_of = events[-1]
    events.append(("refund", dup_when + timedelta(days=1, hours=2), *dup[2:7], fake_id(rng, "", 17).upper()))
    events.sort(key=lambda e: e[1])
    rows = [PAYPAL_HEADER]
    balance, counted = 0.0, []
    for kind, when, name, email, country, code, gross, txn in events:
        row = dict.fromkeys(PAYPAL_HEADER, "")
        if kind == "gift":
            fee = -round(gross * 0.044 + 0.30, 2)
            row.update(
                Name=name, Type="Donation Payment", Gross=usd(gross), Fee=usd(fee), Net=usd(gross + fee),
                **{"From Email Address": email, "To Email Address": receiver, "Item Title": conf_title(org),
                   "Quantity": "1", "Country": country, "Country Code": code, "Balance Impact": "Credit"},
            )  # fmt: skip
            balance += gross + fee
            counted.append((when, gross))
        else:
            fee = round(gross * 0.044, 2)  # the percentage fee comes back, the fixed fee does not
            row.update(
                Name=name, Type="Payment Refund", Gross=usd(-gross), Fee=usd(fee), Net=usd(-gross + fee),
                **{"From Email Address": receiver, "To Email Address": email, "Reference Txn ID": refund_of[7],
                   "Note": "Sent twice by mistake", "Country": country, "Country Code": code,
                   "Balance Impact": "Debit"},
            )  # fmt: skip
            balance += -gross + fee
            counted.append((when, -gross))
        row.update(Date=when.strftime("%d/%m/%Y"), Time=when.strftime("%H:%M:%S"), TimeZone="IST", Currency="USD",
                   Status="Completed", **{"Transaction ID": txn, "Balance": usd(balance)})  # fmt: skip
        rows.append([row[h] for h in PAYPAL_HEADER])
    # The balance goes to the bank once the appeal is over.
    when = datetime.combine(c["end"] + timedelta(days=3), time(11, 20, 5))
    row = dict.fromkeys(PAYPAL_HEADER, "")
    row.update(
        Date=when.strftime("%d/%m/%Y"), Time=when.strftime("%H:%M:%S"), TimeZone="IST", Name="Bank Account",
        Type="General Withdrawal", Status="Completed", Currency="USD", Gross=usd(-balance), Fee="0.00",
        Net=usd(-balance), Balance="0.00",
        **{"From Email Address": receiver, "Transaction ID": fake_id(rng, "", 17).upper(), "Balance Impact": "Debit"},
    )  # fmt: skip
    rows.append([row[h] for h in PAYPAL_HEADER])
    data = ("\ufeff" + csv_text(rows, q, "\n")).encode("utf-8")
    return data, len(rows) - 1, counted


def conf_title(org):
    return OUTCOMES[org["folder"]]["campaign_names"][org["campaigns"][0]["tag"]]


def js_num(x):
    """Numbers as GA4 writes them: shortest round-trip form, no ".0" on whole numbers."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def ga4_preamble(org, title):
    return [
        "# ----------------------------------------",
        f"# {title}",
        f"# Account: {org['name']}",
        f"# Property: {org['name']} - GA4",
        "# ----------------------------------------",
        "# ",
        "# All Users",
        f"# Start date: {START.strftime('%Y%m%d')}",
        f"# End date: {END.strftime('%Y%m%d')}",
    ]


# Social and other sources: (source / medium, weight within its group).
GA4_SOCIAL = [
    ("l.facebook.com / referral", 0.26),
    ("m.facebook.com / referral", 0.14),
    ("facebook.com / referral", 0.08),
    ("instagram.com / referral", 0.12),
    ("l.instagram.com / referral", 0.1),
    ("t.co / referral", 0.1),
    ("youtube.com / referral", 0.09),
    ("whatsapp / social", 0.11),
]
GA4_OTHER = [
    ("google / organic", 0.52),
    ("(direct) / (none)", 0.33),
    ("bing / organic", 0.03),
    ("razorpay.com / referral", 0.02),
    ("duckduckgo / organic", 0.01),
    ("(not set) / (not set)", 0.01),
]


def build_ga4(org, year, payments, newsletter_days):
    """GA4 traffic acquisition reports: by session source / medium for the whole period, and by date."""
    rng = random.Random(org["folder"] + "/ga4")
    conf = OUTCOMES[org["folder"]]
    attempts = {}
    for p in payments:
        attempts[p["dt"].date()] = attempts.get(p["dt"].date(), 0) + 1
    totals = {}  # source -> [sessions, engaged, key events]
    date_rows = [["Date", "Total users", "New users", "Sessions", "Engaged sessions", "Engagement rate", "Key events"]]
    sessions_by_month = {}
    for d in DAYS:
        c, _camp, shape, bad, winter = day_shape(year, d)
        base = conf["sessions_per_day"] * year.growth(d) * (0.75 if d.weekday() >= 5 else 1.0)
        base *= rng.uniform(0.85, 1.15)
        social = base * conf["social_share"] * (0.55 if bad else 1.0) * (0.75 if winter else 1.0)
        if c:
            social *= 1 + (c["eng"] - 1) * 0.9 * shape
        other = base * (1 - conf["social_share"]) * (1 + (0.4 * shape if c else 0)) * (0.9 if bad else 1.0)
        day_sources = {}
        for group, amount in ((GA4_SOCIAL, social), (GA4_OTHER, other)):
            for src, w in group:
                day_sources[src] = poisson(rng, amount * w)
        if d in newsletter_days:
            day_sources["newsletter / email"] = poisson(rng, newsletter_days[d])
        sessions = sum(day_sources.values())
        keys = attempts.get(d, 0) + poisson(rng, 0.3)
        engaged_total = 0
        social_keys = round(keys * (0.55 if c else 0.3))
        for src, n in day_sources.items():
            rate = 0.45 if src.endswith("/ referral") or "social" in src else 0.62
            if src == "(direct) / (none)":
                rate = 0.4
            engaged = sum(1 for _ in range(n) if rng.random() < rate)
            engaged_total += engaged
            t = totals.setdefault(src, [0, 0, 0])
            t[0] += n
            t[1] += engaged
        # key events: the social share of a day's checkouts, the rest to search and direct
        totals.setdefault("_social_keys", [0, 0, 0])[2] += social_keys
        totals.setdefault("_other_keys", [0, 0, 0])[2] += keys - social_keys
        users = round(sessions * rng.uniform(0.8, 0.88))
        new_users = round(users * rng.uniform(0.62, 0.72))
        rate = engaged_total / sessions if sessions else 0
        date_rows.append(
            [d.strftime("%Y%m%d"), users, new_users, sessions, engaged_total, js_num(rate), keys]
        )
        k = f"{d.year}-{d.month:02d}"
        sessions_by_month[k] = sessions_by_month.get(k, 0) + sessions
    social_keys = totals.pop("_social_keys")[2]
    other_keys = totals.pop("_other_keys")[2]
    # Spread the period's key events over the sources in proportion to their sessions.
    for group, pool in ((GA4_SOCIAL, social_keys), (GA4_OTHER, other_keys)):
        names = [s for s, _ in group]
        share = sum(totals[s][0] for s in names)
        left = pool
        for i, s in enumerate(names):
            n = left if i == len(names) - 1 else round(pool * totals[s][0] / share)
            n = min(n, left)
            totals[s][2] = n
            left -= n
    header = [
        "Session source / medium", "Users", "Sessions", "Engaged sessions", "Average engagement time per session",
        "Engaged sessions per user", "Events per session", "Engagement rate", "Event count", "Key events",
        "Session key event rate", "Total revenue",
    ]  # fmt: skip
    src_rows = [header]
    for src, (sessions, engaged, keys) in sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0])):
        users = round(sessions * rng.uniform(0.68, 0.8))
        events = round(sessions * rng.uniform(3.2, 4.6))
        src_rows.append(
            [
                src, users, sessions, engaged, js_num(engaged / sessions * rng.uniform(55, 80)),
                js_num(engaged / users), js_num(events / sessions), js_num(engaged / sessions), events, keys,
                js_num(keys / sessions), 0,
            ]
        )  # fmt: skip
    src_text = "\r\n".join(ga4_preamble(org, "Traffic acquisition: Session source / medium")) + "\r\n"
    src_text += csv_text(src_rows, quote_minimal, "\r\n")
    date_text = "\n".join(ga4_preamble(org, "Traffic acquisition: Date")) + "\n"
    date_text += csv_text(date_rows, quote_minimal, "\n")
    social_total = sum(totals[s][0] for s, _ in GA4_SOCIAL)
    all_total = sum(t[0] for t in totals.values())
    stats = {"sessions_by_month": sessions_by_month, "social_share": social_total / all_total, "sessions": all_total}
    return (src_text.encode("utf-8"), len(src_rows) - 1), (date_text.encode("utf-8"), len(date_rows) - 1), stats


MAILCHIMP_HEADER = [
    "Title", "Subject", "List", "Send Date", "Send Weekday", "Total Recipients", "Successful Deliveries",
    "Soft Bounces", "Hard Bounces", "Total Bounces", "Times Forwarded", "Forwarded Opens", "Unique Opens",
    "Open Rate", "Total Opens", "Unique Clicks", "Click Rate", "Total Clicks", "Unsubscribes", "Abuse Complaints",
    "Times Liked on Facebook", "Folder Id", "Unique Id", "Total Orders", "Total Gross Sales", "Total Revenue",
    "Analytics ROI", "Campaign Cost", "Revenue Created", "Visits", "New Visits", "Pages/Visit", "Bounce Rate",
    "Time on Site", "Goal Conversion Rate", "Per Visit Goal Value", "Transactions", "Ecommerce Conversion Rate",
    "Per Visit Value", "Average Value",
]  # fmt: skip
NEWSLETTER_SUBJECTS = {
    12: "Health camps in December, and thank you for 2025",
    2: "Back after a quiet January: new camps in Lucknow",
    3: "Women's Day: 600 check-ups in one week",
    4: "Summer heat and anaemia: what our ASHA partners see",
    5: "Menstrual Hygiene Day is coming: join #PeriodFriendlyIndia",
    6: "Pad banks in 40 schools: thank you",
    7: "Monsoon camps and a new peer-support group",
    8: "Independence Day camps in three villages",
    9: "Pink October starts soon",
    10: "Pink October: free breast screening this month",
    11: "Pink October results and what comes next",
}


def mailchimp_date(dt):
    h = dt.hour % 12 or 12
    return f"{MONTHS[dt.month - 1]} {dt.day:02d}, {dt.year} {h:02d}:{dt.minute:02d} {'am' if dt.hour < 12 else 'pm'}"


def mc_quote_header(s):
    return q(s) if " " in s else s


def mc_count(n):
    return q(f"{n:,}") if n >= 1000 else str(n)


def build_mailchimp(org, year):
    """Mailchimp campaigns export: a monthly newsletter (none in the bad month) and two appeals."""
    rng = random.Random(org["folder"] + "/mailchimp")
    sends = []
    for month in [12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]:
        y = 2025 if month == 12 else 2026
        if year.is_bad(date(y, month, 1)):
            continue  # no newsletter in January: the team was away
        d = date(y, month, 1)
        while d.weekday() != 1:  # first Tuesday
            d += timedelta(days=1)
        d += timedelta(days=7)  # second Tuesday
        title = f"{MONTHS_FULL[month - 1]} {y} newsletter"
        sends.append((datetime.combine(d, time(10, 30)), title, NEWSLETTER_SUBJECTS[month], "Sakhi supporters", 1.0))
    sends.append((datetime(2026, 5, 26, 18, 0), "Appeal: Period friendly India 2026",
                  "Rs 500 keeps a school pad bank stocked for a month", "Sakhi donors", 1.6))  # fmt: skip
    sends.append((datetime(2026, 10, 13, 18, 0), "Appeal: Pink October 2026",
                  "One screening camp, 200 women: will you help?", "Sakhi donors", 1.4))  # fmt: skip
    sends.sort()
    rows = [",".join(mc_quote_header(h) for h in MAILCHIMP_HEADER)]
    newsletter_days = {}
    for when, title, subject, audience, pull in sends:
        months_in = (when.date() - START).days / 30.4
        if audience == "Sakhi donors":
            recipients = round(1150 + 14 * months_in + rng.randrange(-10, 10))
        else:
            recipients = round(2380 + 58 * months_in + rng.randrange(-20, 20))
        soft, hard = rng.randrange(2, 12), rng.randrange(0, 6)
        delivered = recipients - soft - hard
        opens = round(delivered * rng.uniform(0.29, 0.37) * (1.1 if pull > 1 else 1))
        total_opens = round(opens * rng.uniform(1.4, 1.8))
        clicks = round(delivered * rng.uniform(0.025, 0.045) * pull)
        total_clicks = round(clicks * rng.uniform(1.25, 1.6))
        fwd = rng.randrange(0, 4)
        row = [
            q(title), q(subject), q(audience), q(mailchimp_date(when)), WEEKDAYS_FULL[when.weekday()],
            mc_count(recipients), mc_count(delivered), str(soft), str(hard), str(soft + hard), str(fwd),
            str(fwd * rng.randrange(0, 3)), mc_count(opens), f"{100 * opens / delivered:.2f}%", mc_count(total_opens),
            mc_count(clicks), f"{100 * clicks / delivered:.2f}%", mc_count(total_clicks), str(rng.randrange(1, 9)),
            "0", "0", "0", "".join(rng.choice("0123456789abcdef") for _ in range(10)), "0", "0", "0",
        ] + ["n/a"] * 14  # fmt: skip
        rows.append(",".join(row))
        newsletter_days[when.date()] = clicks * 1.1
        newsletter_days[when.date() + timedelta(days=1)] = clicks * 0.35
    data = ("\r\n".join(rows) + "\r\n").encode("utf-8")
    return data, len(sends), newsletter_days, sends


def build_outcomes(org, year):
    """The new files for one organisation, and the figures the README quotes."""
    files = {}
    data, n, minutes = build_time_log(org, year)
    files[TIME_LOG_NAME] = (data, n)
    data, n, payments = build_razorpay(org, year)
    files[RAZORPAY_NAME] = (data, n)
    paypal = []
    if org["folder"] == "brahmaputra-flood-relief":
        data, n, paypal = build_paypal(org, year)
        files[PAYPAL_NAME] = (data, n)
    newsletter_days, sends = {}, []
    if org["folder"] == "sakhi-health-collective":
        data, n, newsletter_days, sends = build_mailchimp(org, year)
        files[MAILCHIMP_NAME] = (data, n)
    (src, n_src), (by_date, n_date), ga4 = build_ga4(org, year, payments, newsletter_days)
    files[GA4_SOURCE_NAME] = (src, n_src)
    files[GA4_DATE_NAME] = (by_date, n_date)

    def month(d):
        return f"{d.year}-{d.month:02d}"

    stats = {"gifts": {}, "inr": {}, "minutes": {}, "over": {}, "days": {}, "days_logged": len(minutes)}
    for p in payments:
        if p["counted"]:
            k = month(p["dt"])
            if p["status"] != "refunded":  # refunded in full: a refund, not a gift
                stats["gifts"][k] = stats["gifts"].get(k, 0) + 1
            stats["inr"][k] = stats["inr"].get(k, 0) + p["net"]
    for d, m in minutes.items():
        stats["minutes"][month(d)] = stats["minutes"].get(month(d), 0) + m
        stats["days"][month(d)] = stats["days"].get(month(d), 0) + 1
        if m > org["daily_budget_minutes"]:
            stats["over"][month(d)] = stats["over"].get(month(d), 0) + 1
    stats["failed"] = sum(1 for p in payments if not p["counted"])
    stats["refunded"] = sum(1 for p in payments if p["status"] in ("refunded", "partial"))
    stats["paypal"] = paypal
    stats["sessions"] = ga4["sessions_by_month"]
    stats["social_share"] = ga4["social_share"]
    stats["sessions_total"] = ga4["sessions"]
    stats["sends"] = sends
    return files, stats


# --------------------------------------------------------------------------
# README (generated, so its figures always match the data)
# --------------------------------------------------------------------------

STORIES = {
    "pune-education-trust": (
        "Education NGO in Pune (reading circles, remedial classes, teacher training). "
        "**Steady growth** all year. A smaller **exam-support push** (#ExamReadyPune) from mid-February "
        "to mid-March 2026, peaking in late February / early March. The big spike is the "
        "**back-to-school drive** (#BackToSchoolPune) in June 2026, peaking 10-16 June, just before "
        "schools reopen. **Bad month: October 2026** (staff away): very few posts, low engagement."
    ),
    "sakhi-health-collective": (
        "Women's health collective around Lucknow (health camps, menstrual health, peer support). "
        "**Bad month: January 2026**: very few posts, low engagement. Spike around **Menstrual Hygiene "
        "Day** (28 May 2026, #PeriodFriendlyIndia; build-up from 12 May, peak 25-29 May). A second, "
        "broader spike in **October 2026**, the breast-cancer awareness drive (#PinkOctober)."
    ),
    "brahmaputra-flood-relief": (
        "Flood preparedness and relief network in Assam. **Quiet in winter** (December-February: fewer "
        "posts, lower reach). **Bad month: March 2026**: very few posts. The **monsoon appeal** "
        "(#AssamFloodAppeal) runs 15 June - 15 August 2026 with a **very large spike in July** "
        "(peak 8-22 July): several posts a day and the year's biggest X posts (up to ~30,000 impressions)."
    ),
}


def month_keys():
    keys, d = [], START
    while d <= END:
        k = f"{d.year}-{d.month:02d}"
        if k not in keys:
            keys.append(k)
        d += timedelta(days=1)
    return keys


def readme(summaries):
    out = []
    out.append("# Sample data (fictional)\n")
    out.append(
        "**Everything in this folder is invented.** The organisations, people, handles, ids, links "
        "and numbers are made up by `generate.py` (standard library only, fixed random seeds, so "
        "re-running it gives byte-identical files). Any resemblance to real accounts is accidental. "
        "This README is generated too: edit the text in `generate.py`, then run "
        "`python sample_data/generate.py`.\n"
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
        f"a volunteer hour's value in INR with its source (\"{VOLUNTEER_VALUE_SOURCE}\"). These are the "
        "fictional organisations' own figures, not published values.\n"
    )
    out.append("## What each organisation folder holds\n")
    out.append("| file | platform / format | notes |\n|---|---|---|")
    out.append(
        "| `account_analytics_content_2025-12-01_2026-06-30.csv` | X content export, Feb-2025 header "
        "(`Link`, `Share`, `Detail expands`, `Url clicks`) | UTF-8, no BOM, **CRLF**, dates `Mon Feb 17 2025`, "
        "post text always quoted; lifetime figures as downloaded on 2026-07-01 |"
    )
    out.append(
        "| `account_analytics_content_2026-06-01_2026-11-25.csv` | X content export, late-2025 header "
        "(`Post Link`, `Shares`, `Detail Expands`, `URL Clicks`) | UTF-8, no BOM, **LF**, dates "
        '`"Sat, Aug 1, 2026"`, minimal quoting; contains one junk row `...status/undefined` as real '
        "exports do |"
    )
    out.append(
        "| `account_overview_analytics.csv` | X account overview | one row per day, newest first, "
        "with `New follows` and `Unfollows` |"
    )
    out.append(
        "| `Dec-01-2025_Nov-25-2026_<15 digits>.csv` | Facebook posts, Meta Business Suite (Feb-Mar 2025 "
        "vintage, 42 columns, `Views` twice) | UTF-8 **BOM**, LF, every field with a space is quoted, "
        "multi-line captions, `Date` = `Lifetime`, `Publish time` in IST |"
    )
    out.append(
        "| `Dec-01-2025_Nov-25-2026_<16 digits>.csv` | Instagram posts, Meta Business Suite 2026 vintage | "
        "same conventions; the file type has to be detected from the header |"
    )
    out.append(
        "| `meta_insights/Follows.csv`, `Views.csv`, `Visits.csv` | Meta page-level insights | "
        "**UTF-16 LE with BOM**, CRLF, `sep=,` line, title line, every field quoted; Follows lists "
        "only days with at least one new follow |"
    )
    out.append(
        "| `Content 2025-12-01_2026-11-25 <Channel>.zip` | YouTube Studio content export | folder with "
        "`Table data.csv` (`Total` row first, one private video without publish time, a few videos "
        "published before the period), `Chart data.csv` (per video per day, only days with views) and "
        "`Totals.csv` (every day; equals the per-day sum of Chart data) |"
    )
    out.append(
        f"| `{TIME_LOG_NAME}` | time log in this product's template (`date,person,platform,activity,minutes,"
        "campaign,note`) | ISO dates, minutes as `45` or `1:15`, platforms written by hand (`Insta`, `FB`, "
        "`Twitter` now and then), campaign names during campaigns; plain UTF-8 and LF, except Sakhi's "
        "(saved from Excel: **BOM** and **CRLF**) |"
    )
    out.append(
        f"| `{RAZORPAY_NAME}` | Razorpay Dashboard payments report | UTF-8, LF, minimal quoting, amounts in "
        "rupees (`500.00`), `created_at` day-first IST (`06/01/2026 12:13:37`); mostly `captured`, a few "
        "`failed` (set aside on import), `refunded` and partly refunded; the payment page's title "
        "(`description`) names the campaign; donor name and a dummy PAN in `notes` (not stored) |"
    )
    out.append(
        f"| `{GA4_SOURCE_NAME}` | Google Analytics 4, Traffic acquisition by session source / medium, whole "
        "period | UTF-8, no BOM, **CRLF**, `#` preamble (`Property: <org> - GA4`, `Start date: 20251201`), "
        "unformatted floats; social referrers next to `google / organic` and `(direct) / (none)` |"
    )
    out.append(
        f"| `{GA4_DATE_NAME}` | Google Analytics 4, Traffic acquisition by Date | UTF-8, LF, same preamble, one "
        "row per day (`20251201`); its sessions add up to the source / medium report's; key events are "
        "the day's Razorpay checkouts |"
    )
    out.append(
        f"| `{PAYPAL_NAME}` (Brahmaputra only) | PayPal activity download, business account, 41 columns | "
        "UTF-8 **BOM**, every field quoted, LF, day-first dates, `TimeZone` `IST`; USD gifts from abroad, "
        "one refund, one withdrawal (set aside on import) |"
    )
    out.append(
        f"| `{MAILCHIMP_NAME}` (Sakhi only) | Mailchimp account campaigns export | CRLF, header quoted where a "
        "name has a space, `Send Date` `Dec 09, 2025 10:30 am`, rates with `%`, counts over 999 quoted "
        "with a comma (`\"2,400\"`) |\n"
    )
    out.append(
        "The two X content files **overlap in June 2026**: the same posts appear in both, with "
        "slightly higher lifetime figures in the later file. An importer should keep one row per "
        "post id, taking the later export's figures.\n"
    )
    for s in summaries:
        org = s["org"]
        out.append(f"## {org['name']} (`{org['folder']}/`)\n")
        out.append(
            f"X @{org['x_handle']}, Instagram @{org['ig_username']}, Facebook page id "
            f'{org["fb_page_id"]}, YouTube channel "{org["name"]}".\n'
        )
        out.append(STORIES[org["folder"]] + "\n")
        out.append(
            "What the dashboard should show, month by month (X impressions from the daily overview; "
            "Facebook and Instagram reach are sums of post reach by publish month; YouTube views from "
            "Totals.csv):\n"
        )
        out.append(
            "| month | X posts | X impressions | FB posts | FB reach | IG posts | IG reach | YT uploads | YT views |"
        )
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for k in month_keys():
            out.append(
                f"| {k} | {s['x_posts'].get(k, 0)} | {s['x_imp'].get(k, 0):,} | {s['fb_posts'].get(k, 0)} | "
                f"{s['fb_reach'].get(k, 0):,} | {s['ig_posts'].get(k, 0)} | {s['ig_reach'].get(k, 0):,} | "
                f"{s['yt_uploads'].get(k, 0)} | {s['yt_views'].get(k, 0):,} |"
            )
        out.append("")
        out.append(
            f"- X followers: +{s['x_new']:,} new follows, -{s['x_unf']:,} unfollows, net "
            f"{s['x_new'] - s['x_unf']:+,} (about {100 * (s['x_new'] - s['x_unf']) / org['followers']['x'][0]:.0f}% "
            f"on a starting audience of about {org['followers']['x'][0]:,})."
        )
        out.append(
            f"- Facebook: {s['fb_follows']:,} new follows over the year; {s['fb_zero_days']} days with none "
            f"(absent from Follows.csv)."
        )
        out.append(
            f"- Top X post: {s['x_top_imp']:,} impressions on {s['x_top_date']}."
        )
        out.append(
            f"- YouTube: {s['yt_total']:,} views in the period, net {s['yt_subs']:+,} subscribers; most viewed: "
            f'"{s["yt_top_title"]}" ({s["yt_top_views"]:,} views).\n'
        )
        out.extend(outcomes_readme(org, s["outcomes"]))
    return "\n".join(out)


def outcomes_readme(org, o):
    budget = org["daily_budget_minutes"]
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
        minutes = o["minutes"].get(k, 0)
        out.append(
            f"| {k} | {minutes / 60:.1f} | {o['days'].get(k, 0)} | {o['over'].get(k, 0)} | {o['gifts'].get(k, 0)} "
            f"| {inr(o['inr'].get(k, 0))} | {o['sessions'].get(k, 0):,} |"
        )
    minutes = sum(o["minutes"].values())
    out.append("")
    out.append(
        f"- Time log: {minutes / 60:,.1f} hours ({minutes:,} minutes) on {o['days_logged']} days; "
        f"{sum(o['over'].values())} days over the daily budget of {budget} minutes."
    )
    out.append(
        f"- Razorpay: {sum(o['gifts'].values())} donations, {inr(sum(o['inr'].values()))} net; "
        f"{o['failed']} failed payments set aside; {o['refunded']} refunded in full or in part."
    )
    if o["paypal"]:
        gifts = [a for _, a in o["paypal"] if a > 0]
        net = sum(a for _, a in o["paypal"])
        out.append(
            f"- PayPal: {len(gifts)} gifts in USD ({sum(gifts):,.2f}), one refund, net USD {net:,.2f}; the "
            "withdrawal to the bank is set aside."
        )
    out.append(f"- Website: {o['sessions_total']:,} sessions, {100 * o['social_share']:.0f}% from social referrers.")
    if o["sends"]:
        out.append(
            f"- Mailchimp: {len(o['sends'])} campaigns (a monthly newsletter, none in the bad month, and two "
            "appeals)."
        )
    out[-1] += "\n"
    return out


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def by_month(items, value):
    out = {}
    for it in items:
        k = f"{it['dt'].year}-{it['dt'].month:02d}"
        out[k] = out.get(k, 0) + value(it)
    return out


def main():
    manifest = []
    summaries = []
    for org in ORGS:
        year = Year(org)
        folder = OUT / org["folder"]
        files = {}

        x_posts = build_x(org, year)
        shuffle_rng = random.Random(org["folder"] + "/x-order")
        data, n1 = x_content_file(
            org, x_posts, shuffle_rng, X1_RANGE, X1_EXPORT_AT, "old"
        )
        files["account_analytics_content_2025-12-01_2026-06-30.csv"] = (data, n1)
        data, n2 = x_content_file(org, x_posts, shuffle_rng, X2_RANGE, EXPORT_AT, "new")
        files["account_analytics_content_2026-06-01_2026-11-25.csv"] = (
            data,
            n2 + (1 if X_JUNK_ROW else 0),
        )
        data, n, x_stats = build_x_overview(org, year, x_posts)
        files["account_overview_analytics.csv"] = (data, n)

        fb_posts = build_fb(org, year)
        data, n = fb_file(org, fb_posts)
        period = f"{meta_file_date(START)}_{meta_file_date(END)}"
        files[f"{period}_{org['fb_file_id']}.csv"] = (data, n)
        ig_posts = build_ig(org, year)
        data, n = ig_file(org, ig_posts)
        files[f"{period}_{org['ig_file_id']}.csv"] = (data, n)

        mi_files, mi_counts, mi_stats = build_meta_insights(org, year, fb_posts)
        for name, data in mi_files.items():
            files[f"meta_insights/{name}"] = (data, mi_counts[name])

        zip_name, data, yt_counts, yt_stats = build_youtube(org, year)
        files[zip_name] = (data, sum(yt_counts.values()))

        new_files, outcomes = build_outcomes(org, year)
        files.update(new_files)

        for rel, (data, rows) in files.items():
            write_bytes(folder / rel, data)
            manifest.append((f"{org['folder']}/{rel}", len(data), rows))
        manifest.append((f"  (zip members: {yt_counts})", 0, 0))

        final_x = [dict(p, life=x_lifetime(p, EXPORT_AT)) for p in x_posts]
        top = max(final_x, key=lambda p: p["life"]["Impressions"])
        summaries.append(
            {
                "org": org,
                "x_posts": by_month(x_posts, lambda p: 1),
                "x_imp": x_stats["impressions_by_month"],
                "fb_posts": by_month(fb_posts, lambda p: 1),
                "fb_reach": by_month(fb_posts, lambda p: meta_lifetime(p)["Reach"]),
                "ig_posts": by_month(ig_posts, lambda p: 1),
                "ig_reach": by_month(ig_posts, lambda p: meta_lifetime(p)["Reach"]),
                "yt_uploads": yt_stats["uploads"],
                "yt_views": yt_stats["views_by_month"],
                "x_new": x_stats["new_follows"],
                "x_unf": x_stats["unfollows"],
                "fb_follows": mi_stats["fb_follows"],
                "fb_zero_days": mi_stats["fb_zero_follow_days"],
                "x_top_imp": top["life"]["Impressions"],
                "x_top_date": top["dt"].date().isoformat(),
                "yt_total": yt_stats["total_views"],
                "yt_subs": yt_stats["subscribers"],
                "yt_top_title": yt_stats["top"]["v"]["title"],
                "yt_top_views": yt_stats["top"]["views"],
                "outcomes": outcomes,
            }
        )

    orgs_json = [
        {
            "folder": o["folder"],
            "name": o["name"],
            "timezone": "Asia/Kolkata",
            "base_url": o["base_url"],
            "currency": "INR",
            "daily_budget_minutes": o["daily_budget_minutes"],
            # The organisation's own (fictional) settings for costing time on the Time & ROI page.
            "hourly_value": o["hourly_value"],
            "volunteer_value": {
                "value": o["volunteer_value"],
                "currency": "INR",
                "source": VOLUNTEER_VALUE_SOURCE,
                "year": 2026,
            },
            "people": [{"name": o["volunteer"], "role": "volunteer"}],
        }
        for o in ORGS
    ]
    data = (json.dumps(orgs_json, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    write_bytes(OUT / "orgs.json", data)
    manifest.append(("orgs.json", len(data), len(orgs_json)))
    data = readme(summaries).encode("utf-8")
    write_bytes(OUT / "README.md", data)
    manifest.append(("README.md", len(data), 0))

    for path, size, rows in manifest:
        if size:
            print(f"{size:>9,}  {rows:>6}  {path}")
        else:
            print(f"{'':>9}  {'':>6}  {path}")


if __name__ == "__main__":
    main()
