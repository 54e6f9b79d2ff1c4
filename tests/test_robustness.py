"""Arbitrary and damaged input: the parser answers or refuses cleanly, and quickly.

Short runs by default; issue 8 adds the long fuzzing runs and hostile files.
"""
from __future__ import annotations

import random
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import ReadError
from pipeline.readers import read_text
from tests_helpers import parse_text

# Pieces real documents are made of, so random text reaches the extractors' deeper branches.
TOKENS = ["Số", "Số:", "12-CV/TU", "06/2024/QĐ-UBND", "124QĐ/TW", "V/v", "Kính gửi:", "Nơi nhận:",
          "- ", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "PHÓ BÍ THƯ", "ĐẢNG CỘNG SẢN VIỆT NAM",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCH",
          "SAO LỤC", "Hà Nội, ngày 18 tháng 10 năm 2023", "ngày 7/2", "ban hành", "của",
          "Bộ Chính trị", "về việc", "\n", "\n\n", "*", "-------", "|", "Nguyễn Văn A", "¹"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=30)), max_size=120))
def test_any_text_gives_a_record(parts):
    text = " ".join(parts)
    started = time.perf_counter()
    record = parse_text(text)
    assert time.perf_counter() - started < 2.0
    assert record.system in ("party", "state", "union", "news", "unknown")
    record.to_json()


def test_mutated_real_files_are_read_or_refused(generated):
    rng = random.Random(20261122)
    for fmt in ("docx", "pdf", "html"):
        data = generated[fmt]["seeds/000_6e539438116efc78"].read_bytes()
        for _ in range(40):
            mutated = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            try:
                read_text(f"mutated.{fmt}", bytes(mutated))
            except ReadError as err:
                assert "mutated" in str(err) and "\n" not in str(err)


ADVERSARIAL = {
    "one huge line": "Số: 12-CV/TU " + "kiểm điểm, đánh giá " * 20000,
    "10,000 Số lines": "Số:\n" * 10000,
    "10,000 numbers": " ".join(f"{i}-CV/TU" for i in range(10000)),
    "deep numbering": "\n".join("1." * depth + " Giao Sở Nội vụ chủ trì" for depth in range(1, 400)),
    "control and mixed scripts": "\x01\x02\u202e\u0600ΣЖ漢字😀" * 5000,
    "long runs of capitals": "ỦY BAN NHÂN DÂN " * 5000,
    "separators only": "-/.–" * 20000,
    "legacy look-alikes": "©ª«¬®µ¸¹ aù oø Uû " * 5000,
    "dates without end": "ngày " * 20000 + "tháng năm",
}


def test_adversarial_text_is_parsed_in_bounded_time():
    for name, text in ADVERSARIAL.items():
        started = time.perf_counter()
        parse_text(text).to_json()
        elapsed = time.perf_counter() - started
        assert elapsed < 10, f"{name}: {elapsed:.1f} s"
