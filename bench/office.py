"""The office's speed (corpus/office.py, corpus/tracking.py, corpus/outgoing.py), in process on
an archive of many confirmed documents (the real test documents stored again and again):

- the task list (Nhiệm vụ) of every task, and of one unit, as a lãnh đạo and as a chuyên viên;
- a login (argon2id verification) and a session look-up, which every request does;
- numbers issued in the outgoing register, one after another.

    python bench/office.py [--documents 2000] [--backend sqlite|postgresql-URL]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from corpus import office, open_archive, outgoing, review, tracking  # noqa: E402
from generators import form  # noqa: E402
from pipeline.parse import parse_bytes  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
PASSWORD = "một mật khẩu dài cho bench"


def timed(action, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def fill(archive, documents: int) -> int:
    """Store and confirm `documents` records (the real ones, repeated); their task count."""
    parsed = []
    for path in sorted([*CORPUS.glob("seeds/*.txt"), *CORPUS.glob("dev/*.txt")]):
        record, text = parse_bytes(path, path.read_bytes())
        parsed.append((record.to_dict(), text.content, path.read_bytes()))
    tasks = 0
    for n in range(documents):
        record, body, data = parsed[n % len(parsed)]
        added = archive.add_record(record, body, data + f"\n{n}".encode(), f"vb{n}.txt")
        archive._execute("INSERT INTO reviews (id, parsed, confirmed_at) VALUES (?, '{}', ?)",
                         (added.id, "2026-01-01"))
        tasks += len(record.get("tasks") or [])
    return tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--backend", default="sqlite", help="sqlite, or a postgresql:// URL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = str(Path(tmp) / "office.sqlite") if args.backend == "sqlite" else args.backend
        with open_archive(url) as archive:
            with archive.transaction():
                tasks = fill(archive, args.documents)
            lead = office.add_user(archive, "ld", "lanh-dao", PASSWORD)
            staff = office.add_user(archive, "cv", "chuyen-vien", PASSWORD, "Sở Nội vụ")
            clerk = office.add_user(archive, "vt", "van-thu", PASSWORD)
            print(f"{args.documents} confirmed documents, {tasks} tasks ({args.backend})")
            for label, action in [
                    ("task list, every task (lãnh đạo)", lambda: tracking.tasks(archive, lead)),
                    ("task list, one unit (lãnh đạo)",
                     lambda: tracking.tasks(archive, lead, unit="Sở Nội vụ")),
                    ("task list of a chuyên viên", lambda: tracking.tasks(archive, staff))]:
                times = timed(action, 5)
                print(f"  {label:<36} median {statistics.median(times):7.1f} ms")
            session = office.login(archive, "ld", PASSWORD)
            logins = timed(lambda: office.login(archive, "ld", PASSWORD), 5)
            print(f"  {'login (argon2id)':<36} median {statistics.median(logins):7.1f} ms")
            lookups = timed(lambda: office.session(archive, session.token), 50)
            print(f"  {'session look-up (every request)':<36} median "
                  f"{statistics.median(lookups):7.2f} ms")
            spec = form.spec_from("cong-van", "state", {
                f["key"]: f["value"] for f in form.fields("cong-van", "state")})
            times = timed(lambda: outgoing.issue(archive, clerk, spec), 100)
            print(f"  {'number issued (Sổ văn bản đi)':<36} median "
                  f"{statistics.median(times):7.2f} ms, last {outgoing.entries(archive)[-1]['so']}")


if __name__ == "__main__":
    main()
