"""What the fuzz tests feed the extractors: text made of the pieces real documents are made of,
mixed with arbitrary characters, and adversarial texts built to be slow.

`pytest --long` runs many more examples (a hypothesis profile) and every adversarial text;
the default run is short.
"""
from __future__ import annotations

import itertools

from hypothesis import strategies as st

# Pieces real documents are made of, so random text reaches the extractors' deeper branches.
TOKENS = ["Số", "Số:", "12-CV/TU", "06/2024/QĐ-UBND", "124QĐ/TW", "V/v", "Kính gửi:", "Nơi nhận:",
          "- ", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "PHÓ BÍ THƯ", "ĐẢNG CỘNG SẢN VIỆT NAM",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCH",
          "SAO LỤC", "Hà Nội, ngày 18 tháng 10 năm 2023", "ngày 7/2", "ban hành", "của",
          "Bộ Chính trị", "về việc", "\n", "\n\n", "*", "-------", "|", "Nguyễn Văn A", "¹",
          "Giao", "Sở Nội vụ chủ trì,", "phối hợp với", "trước ngày 31/12/2024", "chậm nhất",
          "trong quý II năm 2024", "hằng tháng", "trong 15 ngày kể từ", "1.", "2.1.", "a)",
          "Điều 3.", "III.", "Căn cứ", "Chỉ thị số 05-CT/TW", "Nghị định số 30/2020/NĐ-CP"]

# Characters that break assumptions: controls, bidi marks, combining marks (a decomposed
# "ế"), other scripts, emoji, an unpaired surrogate's neighbours, old-style TCVN3 bytes.
ODD = "\x00\x01\x0b\x0c\x1b\u200b\u200e\u202e\ufeff\u0301\u0323ΣЖ漢字😀\ufffd©ª«¬®µ¸¹\t\r"

documentish = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(max_size=30),
              st.text(alphabet=ODD, min_size=1, max_size=5)),
    max_size=120).map(" ".join)

# Adversarial texts, each a way to make a careless regex or loop slow.
ADVERSARIAL = {
    "one huge line": "Số: 12-CV/TU " + "kiểm điểm, đánh giá " * 20000,
    "10,000 Số lines": "Số:\n" * 10000,
    "10,000 number lines": "Số: 12-CV/TU\n" * 10000,
    "one paragraph of 10,000 wrapped lines": "kiểm điểm và đánh giá, xếp loại chất lượng\n" * 10000,
    "10,000 numbers": " ".join(f"{i}-CV/TU" for i in range(10000)),
    "deep numbering": "\n".join("1." * depth + " Giao Sở Nội vụ chủ trì" for depth in range(1, 400)),
    "control and mixed scripts": "\x01\x02\u202e\u0600ΣЖ漢字😀" * 5000,
    "long runs of capitals": "ỦY BAN NHÂN DÂN " * 5000,
    "separators only": "-/.–" * 20000,
    "legacy look-alikes": "©ª«¬®µ¸¹ aù oø Uû " * 5000,
    "dates without end": "ngày " * 20000 + "tháng năm",
    "10,000 deadlines": "Giao Sở Nội vụ hoàn thành trước ngày 31/12/2024; " * 10000,
    "10,000 Kính gửi": "Kính gửi:\n- Sở Nội vụ;\n" * 10000,
    "10,000 Nơi nhận": "Nơi nhận:\n- Như trên;\n" * 10000,
}

# Separators and characters a regex might loop over, joined with pieces into long runs with no
# closing piece: the classic shape of catastrophic backtracking.
_FILLERS = [" ", "/", "-", ".", "0", "A", "Đ", ", "]


# Texts a few kB long whose copies make one long document of the same shape: time must grow in
# proportion to the number of copies.
SCALABLE = {
    "number lines": "Số: 12-CV/TU\n" * 50,
    "wrapped lines of one paragraph": "kiểm điểm và đánh giá, xếp loại chất lượng\n" * 50,
    "tasks with deadlines": "- Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính hoàn thành "
                            "trước ngày 31/12/2024;\n" * 20,
    "citations": "Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về việc học tập "
                 "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh;\n" * 20,
    "addressees": "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- UBND các huyện, thị xã;\n" * 30,
}


def repeated_pieces() -> dict[str, str]:
    """Every token repeated 2,000 times with every filler between: 'Số:/Số:/Số:/…'."""
    return {f"{token!r} + {filler!r}": (token + filler) * 2000
            for token, filler in itertools.product(TOKENS, _FILLERS)}
