"""The archive on both backends, with the real documents: what each kind of query returns and
in which order, and storing, removing and re-parsing."""
from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import REAL
from corpus import ArchiveError, Filters, open_archive
from corpus.archive import index_fields
from corpus.keys import exact_text
from pipeline.text import fold

TEXTS = {f"{p.parent.name}/{p.stem}": p.read_text(encoding="utf-8") for p in REAL}
ALL = len(REAL)
CV_1823 = next(p for p in REAL if p.stem.startswith("000_"))  # 1823-CV/TU, citing 124-QĐ/TW


def containing(words: list[str], keyed=fold) -> set[str]:
    """The documents whose text holds every word (the oracle: plain regex over the files)."""
    return {name for name, text in TEXTS.items()
            if all(re.search(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", keyed(text))
                   for w in words)}


def names(archive_and_ids, hits) -> list[str]:
    by_id = {v: k for k, v in archive_and_ids[1].items()}
    return [by_id[hit.id] for hit in hits]


def test_every_real_document_is_stored_once(real_archive):
    archive, ids = real_archive
    assert archive.count() == ALL == len(set(ids.values()))
    again = archive.add_file(REAL[0])
    assert not again.new and again.id == ids[f"{REAL[0].parent.name}/{REAL[0].stem}"]
    assert archive.count() == ALL


@pytest.mark.parametrize("query", ["kiem diem danh gia xep loai", "KIỂM ĐIỂM đánh giá xếp loại",
                                   unicodedata.normalize("NFD", "kiểm điểm đánh giá xếp loại")])
def test_folded_words_find_every_document_holding_them(real_archive, query):
    archive, _ = real_archive
    found = names(real_archive, archive.search(query, limit=ALL))
    assert set(found) == containing(["kiem", "diem", "danh", "gia", "xep", "loai"])
    assert {"seeds/000_6e539438116efc78", "seeds/003_3eea271f938043f1"} <= set(found)


def test_d_without_stroke_finds_dak_lak(real_archive):
    archive, _ = real_archive
    for query in ("dak lak", "Đắk Lắk", "DAK LAK"):
        assert names(real_archive, archive.search(query)) == ["dev/005"]


def test_words_typed_with_diacritics_rank_exact_spellings_first(real_archive):
    """"hòa" (as in Cộng hòa) before "hóa"/"hoa" (văn hóa, hoa): whatever tone placement the
    document used (hoà / hòa)."""
    archive, _ = real_archive
    found = names(real_archive, archive.search("hoà", limit=ALL))
    exact = containing(["hòa"], exact_text)
    folded_only = containing(["hoa"]) - exact
    assert exact and folded_only
    assert set(found[:len(exact)]) == exact
    assert set(found[len(exact):]) == folded_only
    # Without diacritics every spelling ranks together.
    assert set(names(real_archive, archive.search("hoa", limit=ALL))) == exact | folded_only


@pytest.mark.parametrize("query,first", [
    ("1823-CV/TU", "seeds/000_6e539438116efc78"),
    ("1823", "seeds/000_6e539438116efc78"),
    ("1823 cv/tu", "seeds/000_6e539438116efc78"),
    ("06/2024/QĐ-UBND", "dev/022"),
    ("6/2024/qd-ubnd", "dev/022"),
    ("06 / 2024 / QĐ - UBND", "dev/022"),
    ("653/2019/UBTVQH14", "dev/029"),
    ("72-KH/TU", "seeds/003_3eea271f938043f1"),
])
def test_a_number_finds_its_document_first(real_archive, query, first):
    archive, _ = real_archive
    hits = archive.search(query)
    assert names(real_archive, hits)[0] == first
    assert hits[0].score >= 2


@pytest.mark.parametrize("query,pattern", [("cv/tu", r"-CV/TU$"), ("KH-UBND", r"/KH-UBND$"),
                                           ("/2019/", r"/2019/")])
def test_a_partial_number_finds_every_document_so_numbered_first(real_archive, query, pattern):
    archive, ids = real_archive
    hits = archive.search(query, limit=ALL)
    numbered = {name for name, doc_id in ids.items()
                if re.search(pattern, archive.record(doc_id).get("number") or "")}
    assert numbered
    assert set(names(real_archive, hits[:len(numbered)])) == numbered


def test_a_cited_number_finds_the_documents_citing_it(real_archive):
    archive, _ = real_archive
    found = set(names(real_archive, archive.search("124 QĐ/TW", limit=ALL)))
    assert {"seeds/000_6e539438116efc78", "seeds/001_4e2c6c0d620c3080"} <= found


def test_a_phrase_needs_its_words_together(real_archive):
    archive, _ = real_archive
    loose = set(names(real_archive, archive.search("chất lượng tổ chức", limit=ALL)))
    phrase = names(real_archive, archive.search('"chất lượng tổ chức"', limit=ALL))
    together = {name for name, text in TEXTS.items()
                if "chat luong to chuc" in " ".join(re.findall(r"[^\W_]+", fold(text)))}
    assert set(phrase) == together
    assert together < loose  # some documents hold the words apart


def test_subject_weighs_more_than_the_body(real_archive):
    archive, _ = real_archive
    assert names(real_archive, archive.search("tết nguyên đán"))[0] == "dev/005"
    assert names(real_archive, archive.search("dieu tra co so hanh chinh"))[0] == "dev/037"
    assert names(real_archive, archive.search("phong chong dich"))[0] == "dev/033"


@pytest.mark.parametrize("filters,check", [
    (Filters(doc_type="cong van"), lambda r: r["doc_type"] == "Công văn"),
    (Filters(doc_type="Kế hoạch"), lambda r: r["doc_type"] == "Kế hoạch"),
    (Filters(system="party"), lambda r: r["system"] == "party"),
    (Filters(issuer="tinh uy quang ngai"),
     lambda r: "QUẢNG NGÃI" in ((r["issuer"] or {}).get("name") or "")),
    (Filters(date_from="2023-01-01"), lambda r: (r["date"] or "") >= "2023-01-01"),
    (Filters(date_from="2018-01-01", date_to="2021-12-31"),
     lambda r: "2018" <= (r["date"] or "") <= "2021-12-31"),
])
def test_filters_keep_only_matching_documents(real_archive, filters, check):
    archive, _ = real_archive
    unfiltered = archive.search("tổ chức", limit=ALL)
    filtered = archive.search("tổ chức", filters, limit=ALL)
    assert filtered, "the filter should keep some of the real documents"
    assert all(check(hit.record) for hit in filtered)
    assert {h.id for h in filtered} == {h.id for h in unfiltered if check(h.record)}


def test_filters_apply_to_number_hits_too(real_archive):
    archive, ids = real_archive
    own = ids["seeds/000_6e539438116efc78"]  # 1823-CV/TU, a Party document
    assert archive.search("1823-CV/TU", Filters(system="party"))[0].id == own
    assert own not in {h.id for h in archive.search("1823-CV/TU", Filters(system="state"))}


def test_hits_carry_record_id_score_and_marked_snippet(real_archive):
    archive, ids = real_archive
    hit = archive.search("1823-CV/TU")[0].to_dict()
    assert hit["id"] == ids["seeds/000_6e539438116efc78"]
    assert hit["number"] == "1823-CV/TU" and hit["subject"] and hit["score"] >= 2
    assert "[1823]" in hit["snippet"]
    for key in ("source", "system", "doc_type", "issuer", "date", "references", "tasks"):
        assert key in hit


def test_find_by_id_or_number(real_archive):
    archive, ids = real_archive
    own = ids["dev/022"]
    assert archive.find(f"#{own}") == [own]
    assert archive.find("06/2024/qđ-ubnd") == [own]
    assert len(archive.find("TU")) >= 3  # every …/TU number
    assert archive.find("9999-XX/YY") == []


def test_the_citation_chain(real_archive):
    archive, ids = real_archive
    chain = archive.cites("124 QĐ/TW")
    assert chain["id"] is None  # the central rule itself is not archived
    citing = {c["id"] for c in chain["cited_by"]}
    assert {ids["seeds/000_6e539438116efc78"], ids["seeds/001_4e2c6c0d620c3080"]} <= citing
    own = archive.cites("1823-cv/tu")
    assert own["id"] == ids["seeds/000_6e539438116efc78"]
    assert "124-QĐ/TW" in {c["number"] for c in own["cites"]}


def test_an_empty_query_is_an_error(real_archive):
    with pytest.raises(ArchiveError):
        real_archive[0].search(" -- ")


def test_chain_down_several_levels(archive_url, tmp_path):
    """A central rule, a province's plan carrying it out, a district's document carrying out
    the plan: the chain from the top reaches the bottom."""
    top = CV_1823.read_text(encoding="utf-8")
    district = tmp_path / "district.txt"
    district.write_text(top.replace("1823-CV/TU", "77-CV/HU").replace(
        "TỈNH ỦY QUẢNG NGÃI", "HUYỆN ỦY SƠN TỊNH").replace(
        "Quy định số 124-QĐ/TW", "Công văn số 1823-CV/TU ngày 18/10/2023 của Tỉnh ủy và "
        "Quy định số 124-QĐ/TW"), encoding="utf-8")
    with open_archive(archive_url) as archive:
        province = archive.add_file(CV_1823).id
        below = archive.add_file(district).id
        chain = archive.cites("124-QĐ/TW")
        level_one = {c["id"]: c for c in chain["cited_by"]}
        assert set(level_one) == {province, below}
        assert [c["id"] for c in level_one[province]["cited_by"]] == [below]


def test_remove_export_and_originals(archive_url):
    with open_archive(archive_url) as archive:
        first, second = (archive.add_file(p).id for p in (CV_1823, REAL[0]))
        name, data = archive.original(first)
        assert name == CV_1823.name and data == CV_1823.read_bytes()
        assert [(i, r["number"]) for i, r in archive.records()] == [
            (first, "1823-CV/TU"), (second, archive.record(second)["number"])]
        archive.remove(first)
        assert archive.count() == 1 and archive.find(f"#{first}") == []
        assert first not in {h.id for h in archive.search("1823-CV/TU")}
        assert first not in {h.id for h in archive.search("kiem diem")}
        with pytest.raises(ArchiveError):
            archive.remove(first)
        # Removed means gone, original too: adding it again stores it afresh.
        assert archive.add_file(CV_1823).new


def test_reindex_reparses_the_stored_originals(archive_url):
    with open_archive(archive_url) as archive:
        doc_id = archive.add_file(CV_1823).id
        # Simulate a record and index from an older parser that missed the number.
        stale = {**archive.record(doc_id), "number": None, "subject": None}
        with archive.transaction():
            archive._execute("UPDATE contents SET record = ? WHERE id = ?",
                             (json.dumps(stale, ensure_ascii=False), doc_id))
            archive._execute("UPDATE documents SET number_key = '' WHERE id = ?", (doc_id,))
            archive._unindex(doc_id)
            archive._index(doc_id, index_fields(stale, "nội dung cũ"))
        assert archive.find("1823-CV/TU") == [] and archive.search("kiểm điểm") == []
        assert archive.reindex() == (1, [])
        assert archive.find("1823-CV/TU") == [doc_id]
        assert archive.record(doc_id)["number"] == "1823-CV/TU"
        assert [h.id for h in archive.search("kiểm điểm")] == [doc_id]


def test_other_formats_keep_their_original_bytes(archive_url, generated):
    with open_archive(archive_url) as archive:
        for fmt in ("docx", "pdf", "html"):
            path = generated[fmt]["dev/022"]
            added = archive.add_file(path)
            assert added.record["number"] == "06/2024/QĐ-UBND"
            assert archive.original(added.id) == (path.name, path.read_bytes())
        assert len(archive.find("06/2024/QĐ-UBND")) == 3


def test_heading_matches_rank_above_body_matches(real_archive):
    """In a small archive bm25 says little; the subject still decides."""
    archive, _ = real_archive
    hits = archive.search("kiem diem", limit=ALL)
    in_subject = ["kiem diem" in fold(h.record.get("subject") or "") for h in hits]
    assert any(in_subject) and not all(in_subject)
    assert in_subject == sorted(in_subject, reverse=True)


def test_two_writers_adding_the_same_file_store_it_once(archive_url, monkeypatch):
    """Two clerks add the same new file at once: one stores it, the other is told it is there.
    Both check inside their transactions before either inserts (PostgreSQL lets them; SQLite
    makes the second wait for the first, and the barrier gives up)."""
    import threading

    from corpus.archive import Archive

    barrier, calls, results = threading.Barrier(2), threading.local(), []
    check = Archive.id_of_sha256

    def checked_together(self, sha256):
        found = check(self, sha256)
        calls.count = getattr(calls, "count", 0) + 1
        if calls.count == 2:  # the check inside add_record's transaction
            try:
                barrier.wait(timeout=2)
            except threading.BrokenBarrierError:
                pass
        return found

    def add():
        with open_archive(archive_url) as archive:
            results.append(archive.add_file(CV_1823))

    open_archive(archive_url).close()  # the schema, before two writers race to make it
    monkeypatch.setattr(Archive, "id_of_sha256", checked_together)
    threads = [threading.Thread(target=add) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(r.new for r in results) == [False, True]
    assert len({r.id for r in results}) == 1
    with open_archive(archive_url) as archive:
        assert archive.count() == 1


def _parsed(path):
    from pipeline.parse import parse_file
    return parse_file(path).to_dict(), path.read_text(encoding="utf-8"), path.read_bytes()


def test_add_records_stores_groups_and_knows_repeats(archive_url):
    items = [(*_parsed(p), p.name) for p in REAL[:7]]
    items.insert(3, items[0])  # the same bytes again, in the same group
    with open_archive(archive_url) as archive:
        added = list(archive.add_records(items, per_transaction=3))
        assert [a.new for a in added] == [True] * 3 + [False] + [True] * 4
        assert added[3].id == added[0].id
        assert archive.count() == 7
        assert [h.id for h in archive.search(items[1][0]["number"])][:1] == [added[1].id]


def test_add_records_error_undoes_only_the_open_group(archive_url):
    """A record that cannot be stored (here: not JSON) fails after its original and document
    rows are written; its group goes, the groups committed before stay, nothing half-stored."""
    items = [(*_parsed(p), p.name) for p in REAL[:5]]
    broken = ({**items[3][0], "tasks": {object()}}, *items[3][1:])
    with open_archive(archive_url) as archive:
        stored = []
        with pytest.raises(TypeError):
            for result in archive.add_records([*items[:3], broken, items[4]],
                                              per_transaction=2):
                stored.append(result.id)
        assert len(stored) == 2 and archive.count() == 2
        assert archive._rows("SELECT count(*) FROM originals")[0][0] == 2
        assert [a.new for a in archive.add_records(items)] == [False] * 2 + [True] * 3


def test_postgres_vectors_equal_postgres_own(postgres):
    """The tsvector literal built in Python is what PostgreSQL's parser would make of the same
    words, weights and positions included."""
    from corpus.postgres import tsvector

    head = [("1823 cv tu", "A"), ("ve kiem diem", "B"), ("tinh uy", "C")]
    body = fold(TEXTS[f"{CV_1823.parent.name}/{CV_1823.stem}"])
    with open_archive(postgres.new_database("vectors")) as archive:
        own = ("setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), "
               "'B') || setweight(to_tsvector('simple', ?), 'C') || to_tsvector('simple', ?)")
        assert archive._rows(f"SELECT ?::tsvector = {own}",
                             (tsvector([*head, (body, "D")]), *(t for t, _ in head),
                              " ".join(re.findall(r"[^\W_]+", body))))[0][0]
