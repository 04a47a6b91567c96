"""Month names in the languages exports come in, for dates written without a year or in words.

TikTok writes "February 28" or, in Spanish, "8 de marzo". Add a language by adding its names.
"""

_NAMES = {
    "en": "january february march april may june july august september october november december",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "id": "januari februari maret april mei juni juli agustus september oktober november desember",
}
# Other spellings seen in exports (Spanish "setiembre", abbreviations with or without a dot).
_EXTRA = {"setiembre": 9, "sept": 9}


def month_numbers() -> dict[str, int]:
    """Lower-case month name or its first three letters -> month number, across languages."""
    found: dict[str, int] = dict(_EXTRA)
    for names in _NAMES.values():
        for number, name in enumerate(names.split(), start=1):
            found.setdefault(name, number)
            found.setdefault(name[:3], number)
    return found


MONTHS = month_numbers()
