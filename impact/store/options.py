"""What a person (or the other files of the same import) says about files that do not say it themselves.

Two things an export can leave out: which platform a Meta Business Suite insights file is (a title
line "Views" instead of "Facebook views"), and the year of its days (TikTok's "February 28"). The
import never guesses either: it takes the platform from a sibling file that names it, else from the
person; the year from the person, else from the date in the file name or the import day.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from connectors import DetectionError, detect
from connectors.meta_page_insights_csv import PAGE_INSIGHTS, PLATFORMS, UNNAMED, metric_title, title_platform
from connectors.sniff import HEAD_BYTES

MAX_SIBLINGS_READ = 2000  # heads read to find the platform siblings name; an archive holds at most as many


@dataclass(frozen=True)
class ImportOptions:
    """Choices for one import call (the CLI's --platform and --year, the Upload preview's questions).

    `platform` and `year` apply to every file of the call that needs them; `platforms` and `years`, keyed by
    the name the import gives a file ("Views.csv", "export.zip/Views.csv"), to that file only and win.
    """

    platform: str | None = None  # facebook | instagram, for Meta insights files whose title names only the metric
    year: int | None = None  # the year of the latest day of a file whose dates have no year
    platforms: Mapping[str, str] = field(default_factory=dict)
    years: Mapping[str, int] = field(default_factory=dict)
    # Platforms named by the other Meta insights files of the same call (a Facebook "Follows.csv" beside a
    # bare "Views.csv"), each with the file that named it. Filled by the import itself.
    siblings: Mapping[str, str] = field(default_factory=dict)
    # When set, a data package must be of this organisation, and one of any other is refused: an editor
    # imports into their own organisation only, whatever a package's manifest names.
    package_for: str | None = None

    def __post_init__(self) -> None:
        for platform in [self.platform, *self.platforms.values()]:
            if platform is not None and platform not in PLATFORMS:
                raise ValueError(f"the platform must be one of {', '.join(PLATFORMS)}, not {platform!r}")
        for year in [self.year, *self.years.values()]:
            if year is not None and not 2000 <= year <= 2100:
                raise ValueError(f"{year} is not a year this product reads (2000 to 2100)")

    def chosen_platform(self, name: str) -> str | None:
        """The platform the person chose for this file, or None."""
        return self.platforms.get(name, self.platform)

    def chosen_year(self, name: str) -> int | None:
        """The year the person chose for this file's latest day, or None."""
        return self.years.get(name, self.year)

    def with_siblings(self, named: Mapping[str, str]) -> ImportOptions:
        """The same choices, knowing the platforms the call's files name (first file per platform kept)."""
        merged = dict(self.siblings)
        for platform, name in named.items():
            merged.setdefault(platform, name)
        return replace(self, siblings=MappingProxyType(merged))


NO_OPTIONS = ImportOptions()


def unnamed_platform_error(name: str, title: str, siblings: Mapping[str, str] | None = None) -> str:
    """Why a Meta insights file whose title names only the metric is refused: for people."""
    if siblings and len(siblings) > 1:
        return (
            f"{name}: a Meta Business Suite '{title}' file does not say whether it is Facebook's or Instagram's, "
            f"and the files imported with it name both ({', '.join(sorted(siblings.values()))}). "
            "Choose the platform in the preview, or add --platform facebook|instagram."
        )
    return (
        f"{name}: a Meta Business Suite '{title}' file does not say whether it is Facebook's or Instagram's. "
        "Upload it together with a file that names the platform, choose the platform in the preview, "
        "or add --platform facebook|instagram."
    )


def resolve_platform(name: str, title: str, options: ImportOptions) -> tuple[str, str]:
    """The platform of a file whose title names only the metric, and how it was decided; ValueError if unknown.

    The person's choice wins; else the one platform the sibling files name. Two platforms among the siblings
    is no answer: the person is asked.
    """
    chosen = options.chosen_platform(name)
    label = chosen.capitalize() if chosen else ""
    if chosen:
        return chosen, f"platform {label}: chosen at import ('{title}' names no platform)"
    if len(options.siblings) == 1:
        [(platform, sibling)] = options.siblings.items()
        return platform, f"platform {platform.capitalize()}: named by {sibling}, imported with it"
    raise ValueError(unnamed_platform_error(name, title, options.siblings))


def head_platform(name: str, head: bytes) -> str | None:
    """The platform a Meta insights file's title names, from its first bytes; None for any other file."""
    if b"Primary" not in head and "Primary".encode("utf-16-le") not in head:
        return None  # not a Meta insights file: no need to detect it
    try:
        detected = detect(name, head)
    except DetectionError:
        return None
    if detected.connector.name != PAGE_INSIGHTS.name or detected.platform == UNNAMED:
        return None
    return title_platform(metric_title(detected.preamble))


def sibling_platforms(paths: Iterable[tuple[Path, str]]) -> dict[str, str]:
    """Platform -> the first file naming it, among files (folders walked, ZIP members read) given as (path, name)."""
    named: dict[str, str] = {}
    read = 0
    for path, name in paths:
        if path.is_dir():
            children = [(c, c.relative_to(path).as_posix()) for c in sorted(path.rglob("*")) if c.is_file()]
            for platform, child in sibling_platforms(children).items():
                named.setdefault(platform, child)
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(HEAD_BYTES)
        except OSError:
            continue
        if head.startswith(b"PK\x03\x04"):
            for platform, member in _zip_platforms(path, name).items():
                named.setdefault(platform, member)
            continue
        read += 1
        found = head_platform(name, head)
        if found:
            named.setdefault(found, name)
        if read > MAX_SIBLINGS_READ:
            break
    return named


def _zip_platforms(path: Path, name: str) -> dict[str, str]:
    named: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist()[:MAX_SIBLINGS_READ]:
                if info.is_dir() or info.file_size > 10_000_000:  # Meta's insights files are a few kB
                    continue
                with archive.open(info) as handle:
                    head = handle.read(HEAD_BYTES)
                member = f"{name}/{info.filename}"
                platform = head_platform(member, head)
                if platform:
                    named.setdefault(platform, member)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError, zlib.error):
        return named  # the import itself says what is wrong with the archive
    return named
