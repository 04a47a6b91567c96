"""The command line: python -m impact import|summary|sample|undo|history|map|mappings|campaigns|report|export-org|
users|share|audit|backup|sources|sync ...

Every command takes --db PATH (default: the IMPACT_DB environment variable, else
data/impact.duckdb) and --json, in any position after the command.
"""

from __future__ import annotations

# Building the parser imports no store, connector or pandas module: DuckDB and the connectors are imported
# once the arguments are read (`--help` and a mistyped option answer at once), pandas only by the commands
# that need it (campaign plans, summaries, the demo, history, packages, reports; `import` never loads it).
import argparse
import json
import os
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from impact.auth import COMMAND_LINE
from impact.auth.cli import LazyChoices, add_people_commands, run_people
from impact.report.cli import add_report_command, run_report
from impact.store.names import shown_name
from impact.supporters.cli import add_supporter_commands, run_supporter_command
from impact.sync.cli import add_sync_commands, run_sync_command

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    from impact.store.ingest import ImportResult


def _common() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db", type=Path, default=None, help="database file (default: $IMPACT_DB or data/impact.duckdb)"
    )
    parent.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return parent


def _day(text: str) -> date:
    """A --from / --to value: a calendar day written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day written YYYY-MM-DD") from None


def _year(text: str) -> int:
    """A --year value: the year of a file's latest day, when its dates have no year."""
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year written YYYY (2000 to 2100)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per task."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="python -m impact", description="Import social-media exports and summarise a non-profit's impact."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", parents=[common], help="import export files, folders and ZIP archives")
    imp.add_argument("paths", nargs="+", type=Path)
    imp.add_argument("--org", default=None, help="organisation the data belongs to (created when new)")
    imp.add_argument(
        "--org-per-folder",
        action="store_true",
        help="each sub-folder of the folders given is one organisation, named by it (a workshop's exports)",
    )
    imp.add_argument(
        "--platform",
        choices=("facebook", "instagram"),
        default=None,
        help="the platform of Meta Business Suite insights files whose title names only the metric ('Views')",
    )
    imp.add_argument(
        "--year",
        type=_year,
        default=None,
        help="files whose dates have no year (TikTok): the year of the file's latest day; "
        "days later in the calendar are read in the year before",
    )
    summ = commands.add_parser(
        "summary", parents=[common], help="per organisation and platform: posts, impressions, ..."
    )
    summ.add_argument("--org", default=None)
    summ.add_argument("--from", dest="start", type=_day, default=None, help="first local day, YYYY-MM-DD (inclusive)")
    summ.add_argument("--to", dest="end", type=_day, default=None, help="last local day, YYYY-MM-DD (inclusive)")
    sample = commands.add_parser("sample", parents=[common], help="load the bundled demo data")
    sample.add_argument("--if-empty", action="store_true", help="only when the store holds no organisation yet")
    undo = commands.add_parser("undo", parents=[common], help="remove one import batch")
    undo.add_argument("batch", type=int)
    hist = commands.add_parser("history", parents=[common], help="list the imports")
    hist.add_argument("--org", default=None)
    mapper = commands.add_parser(
        "map",
        parents=[common],
        help="say how to read a CSV no built-in format knows, save it for files with the same header, import it",
    )
    mapper.add_argument("path", type=Path, help="an example file (its header is what the mapping is saved under)")
    mapper.add_argument(
        "--table",
        choices=LazyChoices("connectors.custom", "TARGETS", keys=True),
        metavar="TABLE",
        required=True,
        help="what one row of the file is: %(choices)s",
    )
    mapper.add_argument(
        "--platform",
        choices=LazyChoices("connectors", "PLATFORMS"),
        metavar="PLATFORM",
        required=True,
        help="one of %(choices)s",
    )
    mapper.add_argument("--label", default="", help="what to call this kind of file")
    mapper.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="CANONICAL=HEADER",
        help="e.g. --column published_at=Date --column impressions=Views (repeat for each column)",
    )
    mapper.add_argument("--org", default=None, help="organisation to import the file into")
    commands.add_parser("mappings", parents=[common], help="list the saved column mappings")
    plans = commands.add_parser("campaigns", help="import a campaign plan (CSV) or list the campaigns")
    plan_actions = plans.add_subparsers(dest="action", required=True)
    plan_import = plan_actions.add_parser(
        "import", parents=[common], help="create or update campaigns (by name) and their goals from a CSV plan"
    )
    plan_import.add_argument("path", type=Path)
    plan_import.add_argument("--org", required=True, help="the organisation the campaigns belong to")
    plan_list = plan_actions.add_parser("list", parents=[common], help="the organisation's campaigns and goals")
    plan_list.add_argument("--org", required=True)
    package = commands.add_parser(
        "export-org",
        parents=[common],
        help="write one organisation's data as a package (ZIP) that `import` reads into another store",
    )
    package.add_argument("--org", required=True, help="the organisation to export")
    package.add_argument("--out", type=Path, required=True, help="the package file to write, e.g. pune.zip")
    add_report_command(commands, common)
    add_people_commands(commands, common)
    add_sync_commands(commands, common)
    add_supporter_commands(commands, common, _day)
    return parser


def _map_file(con: DuckDBPyConnection, args: argparse.Namespace) -> int:
    """Save a mapping from the command line, then import the example file with it."""
    from impact.store.ingest import import_paths
    from impact.store.mappings import file_header, save_mapping

    header = file_header(args.path)
    pairs = dict(c.split("=", 1) for c in args.column if "=" in c)
    absent = [h for h in pairs.values() if h not in header]
    if absent or len(pairs) != len(args.column):
        print(
            f"{shown_name(args.path.name)}: columns not in its header: {', '.join(absent) or args.column}.",
            file=sys.stderr,
        )
        print(f"Its columns are: {', '.join(header)}", file=sys.stderr)
        return 1
    try:
        save_mapping(con, header, args.label or args.path.stem, args.platform, args.table, pairs)
    except ValueError as error:
        print(f"{shown_name(args.path.name)}: {error}", file=sys.stderr)
        return 1
    return _print_results(import_paths(con, [args.path], args.org), args.json)


def _campaigns(con: DuckDBPyConnection, args: argparse.Namespace) -> int:
    """`campaigns import FILE` (exit 2 on a bad plan, nothing stored) and `campaigns list`."""
    from impact.store.orgs import organisation_id

    org = organisation_id(con, args.org)
    if org is None:
        print(f"No organisation called {args.org!r}.", file=sys.stderr)
        return 1
    from impact.campaigns.plan import campaign_list, import_plan

    if args.action == "import":
        try:
            done = import_plan(con, org, args.path.read_bytes())
        except (OSError, ValueError) as error:
            print(f"{shown_name(args.path.name)}: {error}", file=sys.stderr)
            return 2
        print(json.dumps(done.__dict__) if args.json else f"{shown_name(args.path.name)}: {done.sentence()}")
        return 0
    listed = campaign_list(con, org)
    print(listed.to_json(orient="records", date_format="iso") if args.json else listed.to_string(index=False))
    return 0


def _export_org(con: DuckDBPyConnection, args: argparse.Namespace) -> int:
    """`export-org --org NAME --out FILE.zip`: exit 1 when there is no such organisation or the file cannot be written."""
    from impact.store.package import PackageError, export_organisation

    try:
        written = export_organisation(con, args.org, args.out)
    except (PackageError, OSError) as error:
        print(shown_name(error), file=sys.stderr)
        return 1
    print(json.dumps(written.as_json(), ensure_ascii=False) if args.json else written.sentence())
    return 0


def _import_folders(con: DuckDBPyConnection, args: argparse.Namespace, bar: ProgressBar) -> int:
    """Each sub-folder as its organisation; every file's result in the audit log under its organisation."""
    from impact.auth.audit import record
    from impact.store.ingest import import_folders
    from impact.store.options import ImportOptions
    from impact.store.orgs import organisation_id

    options = ImportOptions(platform=args.platform, year=args.year)
    groups = import_folders(con, args.paths, options, None if args.json else bar.landed)
    bar.clear()
    results = []
    for name, found in groups:
        org_id = organisation_id(con, name) if name else None
        for result in found:
            record(con, COMMAND_LINE.label, "import refused" if result.status == "rejected" else "import", org_id,
                   result.sentence())  # fmt: skip
        results.extend(found)
    if not args.json:
        imported = [name for name, found in groups if name and any(r.status == "imported" for r in found)]
        print(f"{len(imported)} organisations imported into, {len(results)} files.")
    return _print_results(results, args.json, printed=not args.json)


def _planned(paths: Iterable[Path], per_folder: bool = False) -> list[str]:
    """The names the import gives the files it will find, in the order it imports them (the bar's count).

    The folders are walked by the import's own rules; a ZIP's members count as the ZIP.
    """
    from impact.store.ingest import folder_files, organisation_folders

    names: list[str] = []
    stray: list[str] = []  # --org-per-folder: refused after every folder's files
    for path in paths:
        if per_folder and path.is_dir():
            folders, beside = organisation_folders(path)
            for folder in folders:
                names += [f"{folder.name}/{relative}" for _, relative in folder_files(folder)]
            stray += [entry.name for entry in beside]
        elif per_folder:
            stray.append(str(path))
        elif path.is_dir():
            names += [relative for _, relative in folder_files(path)]
        else:
            names.append(path.name if path.is_file() else str(path))
    return names + stray


class ProgressBar:
    """How far an import is, on the terminal's last line: "[#####...............] 12/150 files · Asha/x.csv".

    Redrawn in place (carriage return) as each file lands, naming the file being read next; wiped before
    each file's line is printed, so lines and bar never mix. Drawn only when `stream` is a terminal:
    pipes, files and tests get the plain lines.
    """

    WIDTH = 20

    def __init__(self, names: list[str], stream: TextIO) -> None:
        self.names = names
        self.done = 0
        self.stream = stream
        self.shown = bool(names) and stream.isatty()

    @classmethod
    def for_import(cls, paths: list[Path], per_folder: bool, stream: TextIO) -> ProgressBar:
        """The bar for importing these paths; without a terminal the files are not even counted."""
        return cls(_planned(paths, per_folder) if stream.isatty() else [], stream)

    def draw(self) -> None:
        if not self.shown:
            return
        total = len(self.names)
        filled = self.WIDTH * self.done // total
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{total} files"
        if self.done < total:
            line += f" · {shown_name(self.names[self.done])}"
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns or 80  # 0: a terminal that does not say
        except (OSError, ValueError):
            columns = 80
        # Never wider than the terminal: a wrapped line could not be redrawn in place.
        self.stream.write("\r" + line[: columns - 1] + "\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def landed(self, result: ImportResult) -> None:
        """A file's result: its line printed, then the bar moved on past it."""
        self.clear()
        _print_result(result)
        for index in range(self.done, len(self.names)):
            name = self.names[index]
            if result.file == name or result.file.startswith(name + "/"):  # "export.zip/Table data.csv"
                self.done = index + 1
                break
        self.draw()


def _print_result(r: ImportResult) -> None:
    """One file's line (and its first rows left out), printed as the file lands."""
    print(f"{shown_name(r.file)}: {r.sentence()}", flush=True)
    for _, reason in r.rejections[:5]:
        print(f"    {shown_name(reason)}", flush=True)


def _print_results(results: list[ImportResult], as_json: bool, printed: bool = False) -> int:
    """All results (JSON, or a line each unless `printed` as they landed); exit 1 if a file was rejected."""
    if as_json:
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    elif not printed:
        for r in results:
            _print_result(r)
    return 1 if any(r.status == "rejected" for r in results) else 0


def _print_summary(rows: list[dict[str, object]], as_json: bool) -> None:
    from connectors import PLATFORM_LABELS

    if as_json:
        for row in rows:  # one JSON object per organisation, one per line
            print(json.dumps(row, ensure_ascii=False))
        return
    for row in rows:
        print(row["organisation"])
        platforms: dict[str, dict[str, int | None]] = row["platforms"]  # type: ignore[assignment]
        if not platforms:
            print("  no data yet")
        for platform, figures in platforms.items():
            shown = ", ".join(f"{k} {'-' if v is None else f'{v:,}'}" for k, v in figures.items())
            print(f"  {PLATFORM_LABELS.get(platform, platform)}: {shown}")
        for donation in row["donations"]:  # type: ignore[attr-defined]
            print(f"  donations: {donation['amount']:,.2f} {donation['currency']} from {donation['count']} gifts")
        time_log: dict[str, float] = row["time"]  # type: ignore[assignment]
        if time_log["entries"]:
            print(f"  time logged: {time_log['minutes']:,} minutes in {time_log['entries']:,} entries")


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit status is 0 on success."""
    parser = build_parser()
    # argparse stops collecting PATH... at the first option: "import a.csv --db x b.csv" leaves b.csv over.
    args, leftover = parser.parse_known_args(argv)
    if args.command == "import" and not any(a.startswith("-") for a in leftover):
        args.paths += [Path(a) for a in leftover]
    elif leftover:
        parser.error(f"unrecognized arguments: {' '.join(leftover)}")
    from impact.auth.audit import record
    from impact.store.connection import StoreBusy, default_db_path, open_store
    from impact.store.ingest import import_paths, undo_batch
    from impact.store.mappings import saved_mappings
    from impact.store.options import ImportOptions
    from impact.store.orgs import clean_name, organisation_id, organisations

    try:
        with open_store(args.db or default_db_path()) as con:
            if args.command == "import":
                if args.org_per_folder and args.org:
                    print("--org-per-folder names each organisation by its folder: leave out --org.", file=sys.stderr)
                    return 2
                bar = ProgressBar.for_import([] if args.json else args.paths, args.org_per_folder, sys.stderr)
                bar.draw()
                if args.org_per_folder:
                    return _import_folders(con, args, bar)
                options = ImportOptions(platform=args.platform, year=args.year)
                results = import_paths(con, args.paths, args.org, options, None if args.json else bar.landed)
                bar.clear()
                org_id = organisation_id(con, clean_name(args.org))
                for result in results:
                    action = "import refused" if result.status == "rejected" else "import"
                    record(con, COMMAND_LINE.label, action, org_id, result.sentence())
                return _print_results(results, args.json, printed=not args.json)
            if args.command == "sample":
                if args.if_empty and organisations(con):
                    print("The store already holds data; the demo data was not loaded.")
                    return 0
                from impact.sample import load_sample

                return _print_results(load_sample(con), args.json)
            if args.command == "summary":
                if args.start and args.end and args.start > args.end:
                    print(f"--from {args.start} is after --to {args.end}.", file=sys.stderr)
                    return 2
                from impact.figures.summary import summary

                rows = summary(con, args.org, args.start, args.end)
                if args.org and not rows:
                    print(f"No organisation called {args.org!r}.", file=sys.stderr)
                    return 1
                _print_summary(rows, args.json)
                return 0
            if args.command == "undo":
                try:
                    from impact.store.history import batch_organisation

                    org_id = batch_organisation(con, args.batch)
                    message = undo_batch(con, args.batch)
                except LookupError as error:
                    print(error, file=sys.stderr)
                    return 1
                record(con, COMMAND_LINE.label, "undo", org_id, message)
                print(json.dumps({"batch": args.batch, "status": "undone"}) if args.json else message)
                return 0
            if args.command == "campaigns":
                return _campaigns(con, args)
            if args.command == "report":
                return run_report(con, args)
            if args.command in ("users", "share", "audit", "backup"):
                return run_people(con, args)
            if args.command in ("sources", "sync"):
                return run_sync_command(con, args)
            if args.command == "people":
                return run_supporter_command(con, args)
            if args.command == "export-org":
                return _export_org(con, args)
            if args.command == "map":
                return _map_file(con, args)
            if args.command == "mappings":
                found = saved_mappings(con)
                if args.json:
                    print(json.dumps(found, default=str, ensure_ascii=False))
                for m in [] if args.json else found:
                    print(f"{m['label']} ({m['platform']}, {m['table']}): {m['columns']}")
                return 0
            if args.command == "history":
                from impact.store.history import import_history

                frame = import_history(con, organisation_id(con, args.org) if args.org else None)
                print(frame.to_json(orient="records", date_format="iso") if args.json else frame.to_string(index=False))
                return 0
    except StoreBusy as error:
        print(error, file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
