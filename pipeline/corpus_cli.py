"""`vanthu corpus`: store parsed documents in an archive and search them."""
from __future__ import annotations

import json
import re
import sys
from functools import wraps

import click

from pipeline.commandline import AtomicOutput, Progress, expand_paths

DB_HELP = ("The archive: a SQLite file path or a postgresql:// URL (default: $VANTHU_DB, else "
           "archive.sqlite in the user's data directory).")


def with_archive(command):
    """Add --db and hand the command an open archive; archive errors become one-line messages."""
    @click.option("--db", envvar="VANTHU_DB", metavar="PATH|URL", help=DB_HELP)
    @wraps(command)
    def opened(db, **options):
        from corpus import open_archive
        from pipeline.errors import VanthuError
        try:
            with open_archive(db) as archive:
                return command(archive, **options)
        except VanthuError as err:
            raise click.ClickException(str(err))
    return opened


@click.group()
def corpus() -> None:
    """The archive: store parsed documents (original, record, text) and search them.

    Words match with or without diacritics; numbers match whatever their spacing and case.
    """


def _headline(doc_id: int, record: dict) -> str:
    from pipeline.summary import display_date

    issuer = (record.get("issuer") or {}).get("name")
    parts = [record.get("doc_type") or "Văn bản", issuer, display_date(record.get("date"))]
    return (f"#{doc_id}  {record.get('number') or '(không số)'}  "
            + " · ".join(p for p in parts if p))


@corpus.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--queue", envvar="VANTHU_QUEUE", metavar="URL",
              help="Store the originals and leave the parsing to `vanthu worker`s on this "
                   "queue (a postgresql:// URL, often the archive's own).")
@click.option("--no-wait", is_flag=True,
              help="With --queue: return once the originals are queued.")
@with_archive
def add(archive, paths: tuple[str, ...], queue: str | None, no_wait: bool) -> None:
    """Parse files and store them (a directory means every supported file below it).

    The same bytes are stored once. Each document is one transaction: an interrupted batch
    leaves every document stored whole or not at all, and running it again goes on.
    """
    from pipeline.errors import VanthuError

    files, failures = expand_paths(paths)
    if not files and not failures:
        raise click.UsageError("no supported files found in the paths given")
    if queue:
        from pipeline.queue_cli import add_through_queue
        return add_through_queue(archive, queue, files, failures, wait=not no_wait)
    refused = len(failures)
    for reason in failures:
        click.echo(f"error: {reason}", err=True)
    progress = Progress(len(files))
    added, known = 0, 0
    for done, path in enumerate(files, start=1):
        progress.update(done, path)
        try:
            result = archive.add_file(path)
        except VanthuError as err:
            failures.append(str(err))
        except Exception as err:  # a parser bug must not end the batch or show a traceback
            failures.append(f"{path}: could not be parsed ({type(err).__name__}: {err})")
        else:
            progress.close()
            if result.new:
                added += 1
                same = [f"#{d}" for d in archive.numbered(result.record.get("number") or "")
                        if d != result.id]
                note = f"  (same number as {', '.join(same)})" if same else ""
                click.echo(f"added {_headline(result.id, result.record)}  ← {path}{note}")
            else:
                known += 1
                click.echo(f"already stored as #{result.id}: {path}")
            continue
        progress.close()
        click.echo(f"error: {failures[-1]}", err=True)
    click.echo(f"{len(files) + refused} file(s): {added} added, {known} already stored, "
               f"{len(failures)} failed; {archive.count()} in {archive.url}", err=True)
    if failures:
        sys.exit(1)


@corpus.command()
@with_archive
def reindex(archive) -> None:
    """Re-parse every stored original with this version's parser and update its record."""
    total = archive.count()
    progress = Progress(total)
    updated, failures = archive.reindex(lambda done, _, name: progress.update(done, name))
    progress.close()
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    click.echo(f"{updated} of {total} document(s) re-parsed", err=True)
    if failures:
        sys.exit(1)


@corpus.command()
@with_archive
def check(archive) -> None:
    """Prove the archive is sound: every document whole (original, record, word index), no
    stray rows, originals matching their sha256, the database's and index's own checks.
    Exit code 1 when anything is wrong, each problem on a line of its own."""
    problems = archive.check()
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {archive.url}", err=True)
        sys.exit(1)
    click.echo(f"ok: {archive.count()} document(s) in {archive.url}, each whole, nothing stray")


def _one(archive, reference: str) -> int:
    from corpus import ArchiveError
    found = archive.find(reference)
    if not found:
        raise ArchiveError(f"nothing in {archive.url} is numbered or identified '{reference}'")
    if len(found) > 1:
        listed = "; ".join(_headline(d, archive.record(d)) for d in found[:5])
        raise ArchiveError(f"'{reference}' names {len(found)} documents: {listed} — give its #id")
    return found[0]


@corpus.command()
@click.argument("reference", metavar="ID|NUMBER")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.option("--original", type=click.Path(dir_okay=False),
              help="Write the stored original file here.")
@with_archive
def show(archive, reference: str, as_json: bool, original: str | None) -> None:
    """One stored document: its record (by #id, or by number, whole or in part)."""
    from pipeline.summary import summary

    doc_id = _one(archive, reference)
    record = archive.record(doc_id)
    if original:
        _, data = archive.original(doc_id)
        with AtomicOutput(original, binary=True) as out:
            out.write(data)
    if as_json:
        click.echo(json.dumps({**record, "id": doc_id}, ensure_ascii=False))
    else:
        click.echo(f"#{doc_id} " + summary(record), nl=False)


@corpus.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output.")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False),
              help="Instead: write each confirmed document's original and its gold label "
                   "(the shared corpus's label format) into this directory, for "
                   "bench/accuracy.py --corpus.")
@with_archive
def export(archive, output: str | None, gold_dir: str | None) -> None:
    """Every stored record as JSON Lines (the record format plus its "id"), or with --gold the
    confirmed ones as gold labels beside their originals."""
    if gold_dir:
        from corpus import review
        count = review.export_gold(archive, gold_dir)
        click.echo(f"{count} confirmed document(s) written to {gold_dir}", err=True)
        return
    with AtomicOutput(output) as out:
        for doc_id, record in archive.records():
            out.write(json.dumps({**record, "id": doc_id}, ensure_ascii=False) + "\n")


@corpus.command()
@click.argument("references", metavar="ID|NUMBER...", nargs=-1, required=True)
@with_archive
def remove(archive, references: tuple[str, ...]) -> None:
    """Delete documents (record, text and original) from the archive."""
    for reference in references:
        doc_id = _one(archive, reference)
        headline = _headline(doc_id, archive.record(doc_id))
        archive.remove(doc_id)
        click.echo(f"removed {headline}")


def _date_bound(value: str | None, end: bool) -> str | None:
    from corpus.archive import ArchiveError, date_bound
    try:
        return date_bound(value, end)
    except ArchiveError as err:
        raise click.BadParameter(str(err))


@corpus.command()
@click.argument("query")
@click.option("--type", "doc_type", help='Document type, e.g. "Công văn" or "cong van".')
@click.option("--issuer", help="Part of the issuing body's name, e.g. \"tinh uy quang ngai\".")
@click.option("--system", type=click.Choice(["party", "state", "union", "news", "unknown"]))
@click.option("--from", "date_from", metavar="DATE", help="Issued on or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Issued on or before (YYYY[-MM[-DD]]).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True,
              help="One hit per line: its record plus id, score and snippet.")
@with_archive
def search(archive, query: str, doc_type, issuer, system, date_from, date_to, limit: int,
           as_json: bool) -> None:
    """Find documents by words (with or without diacritics), "quoted phrases" or a number.

    A number (1823-CV/TU, 1823, cv/tu, 124 QĐ/TW) finds its document first; words typed with
    diacritics rank the documents spelling them so first; then the rest, number and subject
    weighing more than the body.
    """
    from corpus import Filters

    filters = Filters(doc_type, issuer, system, _date_bound(date_from, False),
                      _date_bound(date_to, True))
    hits = archive.search(query, filters, limit)
    for hit in hits:
        if as_json:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        else:
            click.echo(f"{_headline(hit.id, hit.record)}  ({hit.score:.2f})")
            if hit.record.get("subject"):
                click.echo(f"    {hit.record['subject']}")
            click.echo(f"    {hit.snippet}")
    if not hits and not as_json:
        click.echo("no documents found", err=True)


@corpus.command()
@click.argument("number")
@click.option("--depth", default=5, show_default=True, type=click.IntRange(1, 20),
              help="How many levels of citing documents to follow.")
@click.option("--json", "as_json", is_flag=True, help="The chain as one JSON object.")
@with_archive
def cites(archive, number: str, depth: int, as_json: bool) -> None:
    """What a document cites, and the documents that cite it, down the chain."""
    chain = archive.cites(number, depth)
    if as_json:
        click.echo(json.dumps(chain, ensure_ascii=False))
        return
    if chain["record"]:
        click.echo(_headline(chain["id"], chain["record"]))
    else:
        click.echo(f"{chain['number']} (not in the archive)")
    for reference in chain["cites"]:
        where = f"#{reference['id']}" if reference["id"] else "not in the archive"
        click.echo(f"  cites {reference['number']} {reference.get('doc_type') or ''} ({where})")

    def below(items, indent):
        for item in items:
            click.echo(" " * indent + "← cited by " + _headline(item["id"], item["record"]))
            below(item["cited_by"], indent + 2)
    below(chain["cited_by"], 2)
    if not chain["cited_by"]:
        click.echo("  no stored document cites it")


@corpus.command("register")
@click.argument("reference", metavar="[ID|NUMBER]", required=False)
@click.option("--date", "received", metavar="YYYY-MM-DD", help="Ngày đến (default: today).")
@click.option("--to", "recipient", help="Đơn vị hoặc người nhận.")
@click.option("--note", help="Ghi chú.")
@click.option("--secrecy", type=click.Choice(["Mật", "Tối mật", "Tuyệt mật"]), help="Độ mật.")
@click.option("--urgency", type=click.Choice(["Khẩn", "Thượng khẩn", "Hỏa tốc"]), help="Độ khẩn.")
@click.option("--year", type=int, help="Without ID: the register of this year.")
@click.option("--from", "date_from", metavar="DATE", help="Without ID: arrived on or after.")
@click.option("--until", "date_to", metavar="DATE", help="Without ID: arrived on or before.")
@click.option("--json", "as_json", is_flag=True, help="Entries as JSON Lines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Without ID: write the register as a workbook (.xlsx) laid out like the book.")
@with_archive
def register_command(archive, reference, received, recipient, note, secrecy, urgency, year,
                     date_from, date_to, as_json, output) -> None:
    """The incoming register (sổ văn bản đến, NĐ 30/2020 Phụ lục IV). With ID: enter that
    document and print its số đến (the next of the year, from 1); without: list the register."""
    from corpus import register

    if reference:
        entry = register.register(archive, _one(archive, reference), received, recipient, note,
                                  secrecy, urgency)
        click.echo(json.dumps(entry, ensure_ascii=False) if as_json else
                   f"số đến {entry['so_den']}/{entry['year']} ngày {entry['ngay_den']}: "
                   f"{entry.get('so_ky_hieu') or '(không số)'} "
                   f"{entry.get('ten_loai_trich_yeu') or ''}")
        return
    rows = register.entries(archive, year, _date_bound(date_from, False),
                            _date_bound(date_to, True))
    if output:
        title = f"Sổ đăng ký văn bản đến{f' năm {year}' if year else ''}"
        with AtomicOutput(output, binary=True) as out:
            out.write(register.to_xlsx(rows, title))
        click.echo(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'} written to {output}",
                   err=True)
        return
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False) if as_json else
                   f"{row['so_den']:>5}/{row['year']}  {register.cell(row, 'ngay_den')}  "
                   f"{row.get('so_ky_hieu') or '(không số)'}  {row.get('ten_loai_trich_yeu') or ''}")
