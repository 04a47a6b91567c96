"""Facebook's classic exports with and without their row of descriptions under the header.

People delete that row ("Lifetime: The total number of people ...") before uploading; the first post or
day under the header must then be read, not skipped as if it described the columns.
"""

from __future__ import annotations

from pathlib import Path

from connectors import detect
from impact.store.ingest import import_upload
from impact.store.preview import preview_upload

ORG = "Clean River Trust"
PAGE_LEVEL = (
    Path(__file__).resolve().parent
    / "fixtures"
    / "facebook"
    / "page_level"
    / "Facebook Insights Data Export - Clean River Trust - 2015-08-19 - 2015-08-25.csv"
)
REAL_POSTS = "facebook__insights_post_level_2015-08-19_2016-02-15.csv"

HEADER = (
    b'"Post ID",Permalink,"Post Message",Type,Posted,"Lifetime Post Total Reach",'
    b'"Lifetime Post Total Impressions","Lifetime Engaged Users"\r\n'
)
DESCRIPTIONS = (
    b',,,,,"Lifetime: The total number of people your Page post was served to. (Unique Users)",'
    b'"Lifetime: The number of impressions of your Page post. (Total Count)",'
    b'"Lifetime: The number of unique people who engaged in certain ways with your Page post. (Unique Users)"\r\n'
)
# The first post's message reads like a description: its Post ID says it is a post.
POSTS = (
    b'111_201,https://www.facebook.com/CleanRiverTrust/posts/201,"Lifetime: a volunteer\'s story",Photo,'
    b"02/14/2016 12:40:16 AM,301,537,27\r\n"
    b"111_202,https://www.facebook.com/CleanRiverTrust/posts/202,Clean-up on Sunday,Link,"
    b"02/10/2016 09:05:00 AM,120,240,9\r\n"
)


def stored_posts(db) -> list[tuple[object, ...]]:
    return db.execute("SELECT post_id, text, reach, impressions, engagements FROM post ORDER BY post_id").fetchall()


def without_second_line(data: bytes) -> bytes:
    header, _, rest = data.partition(b"\r\n")
    return header + b"\r\n" + rest.partition(b"\r\n")[2]


def test_post_level_with_and_without_descriptions(db):
    expected = [
        ("111_201", "Lifetime: a volunteer's story", 301, 537, 27),
        ("111_202", "Clean-up on Sunday", 120, 240, 9),
    ]
    [exported] = import_upload(db, "posts.csv", HEADER + DESCRIPTIONS + POSTS, ORG)
    assert (exported.status, exported.rows_new, exported.rows_rejected) == ("imported", 2, 0)
    assert stored_posts(db) == expected
    db.execute("DELETE FROM post")

    [deleted] = import_upload(db, "posts-edited.csv", HEADER + POSTS, ORG)
    assert (deleted.status, deleted.rows_new, deleted.rows_rejected) == ("imported", 2, 0)
    assert stored_posts(db) == expected


def test_detection_counts_the_description_row_only_when_there():
    assert detect("posts.csv", HEADER + DESCRIPTIONS + POSTS).data_starts_after_line == 2
    assert detect("posts.csv", HEADER + POSTS).data_starts_after_line == 1


def test_preview_shows_the_first_post_either_way():
    for data in (HEADER + DESCRIPTIONS + POSTS, HEADER + POSTS):
        [preview] = preview_upload("posts.csv", data)
        assert [row[0] for row in preview.rows] == ["111_201", "111_202"]


def test_page_level_without_descriptions_keeps_its_first_day(db):
    data = PAGE_LEVEL.read_bytes()
    [result] = import_upload(db, PAGE_LEVEL.name, without_second_line(data), ORG)
    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 7, 0)
    first = db.execute("SELECT day, followers, followers_gained FROM account_day ORDER BY day LIMIT 1").fetchone()
    assert str(first[0]) == "2015-08-19" and first[1:] == (1200, 5)


def test_real_post_level_export_without_descriptions(db, real_exports):
    data = (real_exports / REAL_POSTS).read_bytes()
    lines = data.split(b"\n")
    [result] = import_upload(db, REAL_POSTS, b"\n".join([lines[0], *lines[2:]]), ORG)
    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 142, 0)
    assert db.execute("SELECT count(*) FROM post WHERE post_id = '518995791497187_1110323039031123'").fetchone() == (1,)


def test_a_description_row_in_another_language_is_skipped_too(db):
    """An export in Swedish describes its metrics with "Livstid: ...": its key cells are empty and it holds no
    figure, so it is no post either (it was skipped always; it must not come back as a row left out)."""
    swedish = DESCRIPTIONS.replace(b"Lifetime: ", b"Livstid: ")
    [result] = import_upload(db, "posts.csv", HEADER + swedish + POSTS, ORG)
    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 2, 0)
