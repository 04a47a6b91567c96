"""Delimiter sniffing: the separator under which the header and the data rows agree."""

from __future__ import annotations

from connectors.sniff import sniff_delimiter


def test_comma_file_with_semicolons_in_text_stays_comma() -> None:
    text = 'Post id,Date,Post text,Impressions\n1,"Sat, Aug 1, 2026","a; b; c; d; e; f; g; h",10\n2,"Sun, Aug 2, 2026",plain,20\n'
    assert sniff_delimiter(text) == ","


def test_semicolon_resave_with_commas_in_text() -> None:
    text = "Post id;Date;Post text;Impressions\n1;Sat, Aug 1, 2026;Volunteers needed: Saturday, 9am;1.520\n2;Sun, Aug 2, 2026;plain;20\n"
    assert sniff_delimiter(text) == ";"


def test_excel_separator_hint_wins() -> None:
    assert sniff_delimiter('sep=\t\n"Facebook follows"\n"Date"\t"Primary"\n') == "\t"
    assert sniff_delimiter('\ufeffsep=,\n"Facebook follows"\n"Date","Primary"\n') == ","


def test_single_column_text_defaults_to_comma() -> None:
    assert sniff_delimiter("just one line of prose\n") == ","
