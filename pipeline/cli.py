"""The `vanthu` command. Heavy modules are imported inside commands so `--help` stays instant."""
from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from pipeline import __version__
from pipeline.commandline import AtomicOutput, Progress, expand_paths

SYSTEM_LABELS = {"party": "Party", "state": "State", "union": "union", "news": "news",
                 "unknown": "unknown"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vanthu")
def main() -> None:
    """vanthu: Vietnamese official documents (Party and State) into structured records.

    Run `vanthu COMMAND --help` for each command's options.
    """
    from pipeline.errors import VanthuError
    from pipeline.limits import check_settings

    try:  # a mistyped limit is the whole command's error, not each file's
        check_settings()
    except VanthuError as err:
        raise click.ClickException(str(err))


class Batch:
    """Parse many files one by one: progress on a terminal, one-line errors on stderr, and a
    count at the end. `vanthu parse` and `vanthu tasks` share it."""

    def __init__(self, paths: tuple[str, ...], records_too: bool = False):
        self.files, refused = expand_paths(paths, records_too)
        if not self.files and not refused:
            raise click.UsageError("no supported files found in the paths given")
        self.found = len(self.files) + len(refused)
        self.failures: list[str] = []
        for reason in refused:
            self.fail(reason)
        self.tally: Counter = Counter()
        self.warned = 0

    def records(self):
        """Each file's record as a dict (a .jsonl file of records gives its records)."""
        from pipeline.errors import VanthuError
        from pipeline.parse import parse_file

        progress = Progress(len(self.files))
        for done, path in enumerate(self.files, start=1):
            progress.update(done, path)
            try:
                found = (_read_records(path) if path.suffix == ".jsonl"
                         else [parse_file(path).to_dict()])
            except VanthuError as err:
                self.fail(str(err), progress)
                continue
            except Exception as err:  # a parser bug must not end the batch or show a traceback
                self.fail(f"{path}: could not be parsed ({type(err).__name__}: {err})", progress)
                continue
            for record in found:
                self.tally[record.get("system")] += 1
                self.warned += bool(record.get("warnings"))
                yield record
        progress.close()

    def fail(self, message: str, progress: Progress | None = None) -> None:
        self.failures.append(message)
        if progress:
            progress.close()
        click.echo(f"error: {message}", err=True)

    def finish(self) -> None:
        """The closing count on stderr; exit code 1 when any file failed."""
        parsed = sum(self.tally.values())
        if self.found > 1 or self.failures:
            kinds = ", ".join(f"{n} {SYSTEM_LABELS.get(k, k)}" for k, n in self.tally.most_common())
            extra = f" ({kinds}; {self.warned} with warnings)" if parsed else ""
            click.echo(f"{self.found} file(s): {parsed} parsed, {len(self.failures)} "
                       f"failed{extra}", err=True)
        if self.failures:
            sys.exit(1)


def _read_records(path: Path) -> list[dict]:
    """Records saved by `vanthu parse --json`."""
    import json

    from pipeline.errors import ReadError
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ReadError(str(path), f"not a file of records from vanthu parse --json ({err})")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True,
              help="One JSON record per line (JSON Lines), as the record format defines it.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def parse(paths: tuple[str, ...], as_json: bool, output: str | None) -> None:
    """Read directives (.txt, .docx, .doc, .odt, .pdf, .html, scans and photos) and print
    their records.

    A directory means every supported file below it, in path order. A file that cannot be
    read is reported on standard error and the batch goes on; the exit code is 1 when any
    file failed.
    """
    import json

    from pipeline.summary import summary

    batch = Batch(paths)
    with AtomicOutput(output) as out:
        for record in batch.records():
            out.write(json.dumps(record, ensure_ascii=False) + "\n" if as_json
                      else summary(record) + "\n")
    batch.finish()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--for", "unit", metavar="UNIT",
              help='Only the tasks of this unit, e.g. "Ban Tổ chức Tỉnh ủy", including those '
                   "addressed to a group it belongs to.")
@click.option("--groups", type=click.Path(exists=True, dir_okay=False),
              help="Group membership file (default: $VANTHU_GROUPS, else the bundled one).")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv", "ics", "json", "md"]),
              help="Output format (default: from the -o extension, else md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def tasks(paths: tuple[str, ...], unit: str | None, groups: str | None, fmt: str | None,
          output: str | None) -> None:
    """The tasks of many directives in one list, sorted by deadline.

    PATHS are documents (parsed on the way) or .jsonl files of records saved by
    `vanthu parse --json`. Each task comes with its source document's number, date and
    subject, and the sentence it was read from.
    """
    from pipeline.exporters import FORMATS
    from pipeline.tasklist import concerns, load_groups, rows_of

    if fmt is None:
        suffix = Path(output).suffix.lstrip(".").lower() if output else ""
        fmt = suffix if suffix in FORMATS else "md"
    if fmt == "xlsx" and output is None:
        raise click.UsageError("an Excel workbook needs -o FILE.xlsx")
    batch = Batch(paths, records_too=True)
    rows = rows_of(list(batch.records()))
    if unit:
        membership = load_groups(groups)
        rows = [row for row in rows if concerns(row, unit, membership)]
    data = FORMATS[fmt](rows)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        with AtomicOutput(output, binary=True) as out:
            out.write(data)
    click.echo(f"{len(rows)} task(s)" + (f" for {unit}" if unit else ""), err=True)
    batch.finish()


DRAFT_TYPES = ["cong-van", "ke-hoach", "bao-cao", "thong-bao", "to-trinh", "quyet-dinh",
               "giay-moi", "huong-dan"]


@main.command()
@click.argument("doc_type", metavar="TYPE", type=click.Choice(DRAFT_TYPES))
@click.option("--system", type=click.Choice(["party", "state"]), default="state",
              show_default=True, help="Party (Hướng dẫn 36) or State (Nghị định 30) rules.")
def new(doc_type: str, system: str) -> None:
    """Print a commented draft spec (YAML) for TYPE, with example values, to fill in."""
    from generators.scaffold import scaffold

    click.echo(scaffold(doc_type, system), nl=False)


def _write_draft(data: bytes, output: str, pdf: bool) -> None:
    """Write the .docx whole, and its PDF beside it when asked."""
    with AtomicOutput(output, binary=True) as out:
        out.write(data)
    if pdf:
        import tempfile

        from pipeline.libreoffice import convert
        target = Path(output).with_suffix(".pdf")
        with tempfile.TemporaryDirectory() as tmp:
            (made,) = convert([Path(output)], "pdf", Path(tmp))
            os.replace(made, target) if Path(tmp).stat().st_dev == target.parent.stat(
            ).st_dev else target.write_bytes(made.read_bytes())
        click.echo(f"{target}", err=True)


@main.command()
@click.argument("spec_path", metavar="SPEC.yaml", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The .docx to write.")
@click.option("--pdf", is_flag=True, help="Also render a PDF beside it (LibreOffice).")
@click.option("--profile", help="hd36, nd30 or a .toml profile (default: the spec's).")
@click.option("--templates", type=click.Path(file_okay=False, exists=True),
              help="A folder of your own TYPE.j2 body templates, used before the built-in ones.")
def draft(spec_path: str, output: str, pdf: bool, profile: str | None,
          templates: str | None) -> None:
    """Draft an outgoing document from a spec: header, title, Kính gửi, body, Nơi nhận and
    signature laid out as the Party or State rules say."""
    from generators.draft import draft as make, profile_for
    from generators.spec import load_spec
    from pipeline.errors import VanthuError

    try:
        spec = load_spec(spec_path)
        data = make(spec, profile_for(spec, profile), templates)
        _write_draft(data, output, pdf)
    except VanthuError as err:
        raise click.ClickException(str(err))
    click.echo(f"{output}: {spec.type_name} số {spec['number']}", err=True)


def _signer(authority: str | None, position: str, name: str) -> dict:
    return {"authority": authority, "position": position, "name": name}


def _system_of(path: Path) -> str:
    """party or state, as the parser reads the source; state when it cannot tell."""
    from pipeline.parse import parse_file
    try:
        system = parse_file(path).system
    except Exception:  # an unreadable source is reported where it is copied
        return "state"
    return system if system in ("party", "state") else "state"


@main.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--kind", required=True, type=click.Choice(["sao-y", "sao-luc", "trich-sao"]))
@click.option("--issuer", required=True, help="The copying body, e.g. HUYỆN ỦY TUY PHƯỚC.")
@click.option("--parent", help="The body above it, if printed.")
@click.option("--number", required=True, help="The copy's number as printed, e.g. 106-BS/HU.")
@click.option("--place", required=True)
@click.option("--date", "date_text", help="YYYY-MM-DD (default: today).")
@click.option("--authority", help="e.g. T/L BAN THƯỜNG VỤ or TL. CHỦ TỊCH.")
@click.option("--position", required=True, help="e.g. CHÁNH VĂN PHÒNG.")
@click.option("--name", required=True, help="Who signs the copy.")
@click.option("--recipient", "recipients", multiple=True, required=True,
              help="A Nơi nhận item; repeat for each, the archive last.")
@click.option("--profile", help="hd36, nd30 or a .toml profile (default: by the source's system).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
def copy(source: str, kind: str, issuer: str, parent: str | None, number: str, place: str,
         date_text: str | None, authority: str | None, position: str, name: str,
         recipients: tuple[str, ...], profile: str | None, output: str) -> None:
    """Make a bản sao (Sao y, Sao lục, Trích sao) of a received .docx or PDF: the original
    untouched, then the copy block as the rules lay it out."""
    import datetime as dt

    from generators.copy import copy_request, make_copy
    from generators.profile import FOR_SYSTEM, load_profile
    from pipeline.errors import VanthuError

    try:
        date = dt.date.fromisoformat(date_text) if date_text else dt.date.today()
    except ValueError:
        raise click.BadParameter(f"'{date_text}' is not a date as YYYY-MM-DD", param_hint="--date")
    try:
        rules = load_profile(profile or FOR_SYSTEM[_system_of(Path(source))])
        data = make_copy(Path(source).name, Path(source).read_bytes(), copy_request(
            kind, issuer, number, place, date, position, name, list(recipients), parent,
            authority), rules)
    except VanthuError as err:
        raise click.ClickException(f"{source}: {err}" if str(source) not in str(err) else str(err))
    with AtomicOutput(output, binary=True) as out:
        out.write(data)
    click.echo(f"{output}: {rules['copy']['headings'][kind]} số {number}", err=True)


@main.command()
@click.argument("directive", type=click.Path(exists=True, dir_okay=False))
@click.option("--type", "doc_type", type=click.Choice(["bao-cao", "cong-van"]), default="bao-cao",
              show_default=True)
@click.option("--as", "unit", required=True, metavar="UNIT",
              help='The replying unit, e.g. "Ban Tổ chức Tỉnh ủy".')
@click.option("--parent", help="The body above the unit in the header, if printed.")
@click.option("--number", default="…", show_default=True, help="The reply's number, if known.")
@click.option("--place", required=True)
@click.option("--authority", help="e.g. K/T TRƯỞNG BAN or KT. GIÁM ĐỐC.")
@click.option("--position", required=True)
@click.option("--name", required=True)
@click.option("--system", type=click.Choice(["party", "state"]),
              help="Default: the directive's system.")
@click.option("--groups", type=click.Path(exists=True, dir_okay=False),
              help="Group membership file for finding the unit's tasks.")
@click.option("--spec-only", is_flag=True, help="Print the draft spec (YAML) instead.")
@click.option("-o", "--output", type=click.Path(dir_okay=False))
def reply(directive: str, doc_type: str, unit: str, parent: str | None, number: str,
          place: str, authority: str | None, position: str, name: str, system: str | None,
          groups: str | None, spec_only: bool, output: str | None) -> None:
    """Draft the answer to a received directive: it cites the directive, is addressed to its
    issuer, and has a section for each task the directive gives UNIT, with its deadline."""
    import yaml

    from generators.draft import draft as make, profile_for
    from generators.reply import reply_spec
    from pipeline.errors import VanthuError
    from pipeline.parse import parse_file

    try:
        record = parse_file(directive).to_dict()
        system = system or (record["system"] if record["system"] in ("party", "state")
                            else "state")
        spec = reply_spec(record, doc_type, unit, system=system, number=number, place=place,
                          signer=_signer(authority, position, name), groups_file=groups,
                          parent=parent)
        if spec_only or not output:
            click.echo(yaml.safe_dump(spec.data, allow_unicode=True, sort_keys=False), nl=False)
            return
        _write_draft(make(spec, profile_for(spec)), output, False)
    except VanthuError as err:
        raise click.ClickException(str(err))
    click.echo(f"{output}: {spec.type_name} trả lời {record.get('number') or directive}",
               err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--profile", help="hd36, nd30 or a .toml profile (default: from the heading).")
@click.option("--json", "as_json", is_flag=True, help="One JSON report per file, per line.")
@click.option("--fix", "do_fix", is_flag=True,
              help="Repair what is mechanical (fonts, sizes, margins, date padding, Nơi nhận "
                   "punctuation) into -o; the wording never changes.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="With --fix: the repaired .docx (one input file).")
@click.option("--db", metavar="PATH|URL",
              help="An archive (vanthu corpus): each document the text cites is looked up; a "
                   "citation whose date, type or issuer disagrees with the archive is a "
                   "warning.")
def check(files: tuple[str, ...], profile: str | None, as_json: bool, do_fix: bool,
          output: str | None, db: str | None) -> None:
    """Check .docx (.doc, .odt) files against the Party or State rules: page, fonts, header,
    number, date, title, body, signature, Nơi nhận, appendices and copies. Exit code 0: no
    error; 1: errors; 2: a file could not be read."""
    import contextlib

    from pipeline.errors import VanthuError

    if do_fix and (not output or len(files) != 1):
        raise click.UsageError("--fix needs one FILE and -o OUT.docx")
    with contextlib.ExitStack() as stack:
        archive = None
        if db:
            from corpus import open_archive
            try:
                archive = stack.enter_context(open_archive(db))
            except VanthuError as err:
                raise click.ClickException(str(err))
        worst = _check_files(files, profile, as_json, do_fix, output, archive)
    sys.exit(worst)


def _check_files(files, profile, as_json, do_fix, output, archive) -> int:
    """Check each file, print its report; the exit code the batch earns."""
    import json

    from generators.checker import check as run_check, detect_profile, fix
    from generators.profile import load_profile
    from pipeline.errors import VanthuError
    from pipeline.readers import read_bytes
    from pipeline.readers.office import to_docx

    worst = 0
    for name in files:
        try:
            data = read_bytes(name)
            if data.startswith(b"\xd0\xcf\x11\xe0") or name.lower().endswith(".odt"):
                try:  # Word 97–2003 or OpenDocument: checked as the .docx LibreOffice makes
                    data = to_docx(data, "odt" if name.lower().endswith(".odt") else "doc")
                except ValueError as err:
                    raise VanthuError(f"{name}: {err}") from None
            if not data.startswith(b"PK"):
                raise VanthuError(f"{name}: not a .docx, .doc or .odt file")
            rules = load_profile(profile or detect_profile(data))
            report = run_check(data, rules, name, archive=archive)
            if do_fix:
                with AtomicOutput(output, binary=True) as out:
                    out.write(fix(data, rules))
                report = run_check(Path(output).read_bytes(), rules, output, archive=archive)
        except VanthuError as err:
            click.echo(f"error: {err}", err=True)
            worst = 2
            continue
        except ValueError as err:  # the package reader's own reason (damaged, a zip bomb …)
            click.echo(f"error: {name}: {err}", err=True)
            worst = 2
            continue
        except Exception as err:  # a damaged package python-docx cannot open
            click.echo(f"error: {name}: cannot be read as .docx ({type(err).__name__})", err=True)
            worst = 2
            continue
        if as_json:
            click.echo(json.dumps({"file": report.path, "profile": report.profile,
                                   "errors": len(report.errors),
                                   "findings": [f.to_dict() for f in report.findings]},
                                  ensure_ascii=False))
        else:
            warnings = sum(f.severity == "warning" for f in report.findings)
            notes = len(report.findings) - len(report.errors) - warnings
            click.echo(f"── {report.path} ({report.profile}): {len(report.errors)} lỗi, "
                       f"{warnings} cảnh báo" + (f", {notes} ghi chú" if notes else ""))
            for item in report.findings:
                where = f" [đoạn {item.paragraph}: “{item.excerpt[:40]}”]" if item.excerpt else ""
                label = {"error": "LỖI", "warning": "lưu ý"}.get(item.severity, "ghi chú")
                click.echo(f"  {item.rule} {label}: "
                           f"{item.message} — cần: {item.expected}; thấy: {item.found}{where}")
        if report.errors:
            worst = max(worst, 1)
    return worst


@main.command("limits")
def show_limits() -> None:
    """The limits on what vanthu reads: each one's value now, and the variable that sets it.

    A file past a limit is refused with a one-line error naming it; a batch goes on."""
    from pipeline.limits import LIMITS

    for limit in LIMITS:
        click.echo(f"{limit.variable:<29} {f'{limit.value} {limit.unit}':<16} {limit.what}")


@main.command()
@click.option("--db", envvar="VANTHU_DB", metavar="PATH|URL",
              help="The archive: a SQLite file path or a postgresql:// URL (default: $VANTHU_DB, "
                   "else archive.sqlite in the user's data directory).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Where to listen; only this computer until accounts exist.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 16),
              help="Processes parsing received files side by side.")
def serve(db: str | None, host: str, port: int, workers: int) -> None:
    """The văn thư's desk in the browser: receive, review, register and search documents.

    Open http://127.0.0.1:8000/ after starting it. Pages in Vietnamese; a JSON API under
    /api/ does the same (see README, "vanthu serve")."""
    from corpus import default_location
    from pipeline.errors import VanthuError
    from pipeline.web.app import check_host, serve as run_server

    url = db or str(default_location())
    try:
        check_host(host, url)
        click.echo(f"vanthu serve: http://{host}:{port}/ (archive {url}); Ctrl+C stops it",
                   err=True)
        run_server(url, host, port, workers)
    except VanthuError as err:
        raise click.ClickException(str(err))


def _add_corpus() -> None:
    from pipeline.corpus_cli import corpus
    from pipeline.users_cli import users
    main.add_command(corpus)
    main.add_command(users)


_add_corpus()


def _add_worker() -> None:
    from pipeline.queue_cli import worker  # which adds `corpus jobs` to the corpus group too
    main.add_command(worker)


_add_worker()


def run() -> None:
    """The console entry point: `vanthu … | head` ends quietly when the reader stops reading."""
    try:
        main()
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at /dev/null so that flush is silent.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
