"""Header names in other interface languages, mapped to the English names the connectors declare.

Platforms export headers in the account's interface language. Detection and column mapping
compare headers after `normalise_header`, which looks names up here, so one entry makes a
localised export read like the English one. Keys and values are lower-case.
To add a language: export once in that language and add its header names here.
"""

HEADER_ALIASES: dict[str, str] = {
    # X / Twitter legacy analytics exports, Japanese (tweet_activity_metrics_*_ja.csv).
    "ツイートid": "tweet id",
    "ツイートの固定リンク": "tweet permalink",
    "ツイート本文": "tweet text",
    "時間": "time",
    "日付": "date",
    "インプレッション": "impressions",
    "エンゲージメント": "engagements",
    "エンゲージメント率": "engagement rate",
    "リツイート": "retweets",
    "返信": "replies",
    "いいね": "likes",
    "ユーザープロフィールクリック": "user profile clicks",
    "urlクリック数": "url clicks",
    "ハッシュタグクリック": "hashtag clicks",
    "詳細クリック": "detail expands",
    "固定リンクのクリック数": "permalink clicks",
    "フォローしている": "follows",
    "メディアの再生数": "media views",
    "メディアのエンゲージメント数": "media engagements",
    "ツイート数": "tweets published",
    # Meta Business Suite content exports, Swedish interface (names as a public Swedish parser of
    # these exports lists them; "Livstid" in the Date column is handled by the connectors).
    "publicerings-id": "post id",
    "sid-id": "page id",
    "sidnamn": "page name",
    "konto-id": "account id",
    "kontots användarnamn": "account username",
    "kontonamn": "account name",
    "titel": "title",
    "beskrivning": "description",
    "publiceringstid": "publish time",
    "permalänk": "permalink",
    "inläggstyp": "post type",
    "datum": "date",
    "visningar": "views",
    "exponeringar": "impressions",
    "räckvidd": "reach",
    "reaktioner, kommentarer och delningar": "reactions, comments and shares",
    "reaktioner": "reactions",
    "gilla-markeringar": "likes",
    "kommentarer": "comments",
    "delningar": "shares",
    "sparade objekt": "saves",
    "följer": "follows",
    "totalt antal klick": "total clicks",
}
