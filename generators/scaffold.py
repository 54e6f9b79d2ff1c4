"""`vanthu new TYPE`: a commented draft spec with realistic example values, ready to draft as
it stands and to edit."""
from __future__ import annotations

from generators.spec import TYPES

# What a Party and a State office would write in the shared fields; {code} is the type's code.
EXAMPLES = {
    "party": {
        "profile": "hd36",
        "parent": "", "issuer": "TỈNH ỦY QUẢNG NGÃI", "short": "Ban Thường vụ Tỉnh ủy",
        "place": "Quảng Ngãi",
        "number": "1823-{code}/TU", "number_cv": "1823-CV/TU",
        "authority": "T/M BAN THƯỜNG VỤ", "position": "PHÓ BÍ THƯ", "name": "Đặng Ngọc Huy",
        "addressees": ["Các ban của Tỉnh ủy", "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc"],
        "recipients": ["Như trên", "Thường trực Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"],
        "deciding": "BAN THƯỜNG VỤ TỈNH ỦY",
        "can_cu": ["Căn cứ Điều lệ Đảng", "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh"],
        "unit": "Ban Tổ chức Tỉnh ủy", "other_unit": "Văn phòng Tỉnh ủy",
    },
    "state": {
        "profile": "nd30",
        "parent": "", "issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "short": "UBND tỉnh",
        "place": "Quảng Ngãi",
        "number": "12/{code}-UBND", "number_cv": "12/UBND-VP",
        "authority": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Trần Phước Hiền",
        "addressees": ["Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố"],
        "recipients": ["Như trên", "CT, các PCT UBND tỉnh", "Lưu: VT, VX"],
        "deciding": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        "can_cu": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                   "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
                   "về công tác văn thư"],
        "unit": "Sở Nội vụ", "other_unit": "Văn phòng UBND tỉnh",
    },
}
CODES = {"ke-hoach": "KH", "bao-cao": "BC", "thong-bao": "TB", "to-trinh": "TTr",
         "quyet-dinh": "QĐ", "giay-moi": "GM", "huong-dan": "HD"}


def _list(items: list[str], indent: int = 2) -> str:
    quote = lambda item: f'"{item}"' if ": " in item else item  # noqa: E731 - "Lưu: VT"
    return "\n".join(f"{' ' * indent}- {quote(item)}" for item in items)


def _body(slug: str, e: dict) -> str:
    if slug in ("cong-van", "thong-bao"):
        return ("# The body: paragraphs separated by a blank line. The last ends with ./.\n"
                "body: |\n"
                f"  Thực hiện chỉ đạo của Thường trực, {e['short']} đề nghị các cơ "
                "quan, đơn vị rà soát, báo cáo kết quả thực hiện nhiệm vụ năm 2024.\n\n"
                f"  Báo cáo gửi về {e['other_unit']} trước ngày 15/12/2024 để tổng hợp.\n")
    if slug == "to-trinh":
        return ("# Optional căn cứ lines, then the proposal paragraphs.\n"
                f"can_cu:\n{_list(e['can_cu'])}\n"
                "body: |\n  Đề nghị xem xét, ban hành Kế hoạch tổ chức hội nghị tổng kết năm 2024.\n")
    if slug == "ke-hoach":
        return (f"can_cu:\n{_list(e['can_cu'])}\n"
                "muc_dich:\n  - Đánh giá đúng kết quả thực hiện nhiệm vụ năm 2024.\n"
                "yeu_cau:\n  - Bảo đảm thiết thực, hiệu quả, tiết kiệm.\n"
                "noi_dung:\n  - title: Thời gian, địa điểm\n    items:\n"
                "      - Tổ chức trong tháng 12/2024 tại hội trường cơ quan.\n"
                "to_chuc_thuc_hien:\n"
                f"  - unit: {e['unit']}\n    tasks:\n"
                "      - Chủ trì, tham mưu tổ chức hội nghị; hoàn thành trước ngày 20/12/2024.\n"
                f"  - unit: {e['other_unit']}\n    tasks:\n"
                "      - Bảo đảm kinh phí, cơ sở vật chất.\n")
    if slug == "quyet-dinh":
        return (f"# The authority that decides, printed above the căn cứ lines.\n"
                f"authority: {e['deciding']}\n"
                f"can_cu:\n{_list(e['can_cu'])}\n"
                "articles:\n"
                "  - Thành lập Tổ giúp việc gồm các đồng chí có tên trong danh sách kèm theo.\n"
                "  - Tổ giúp việc tự giải thể sau khi hoàn thành nhiệm vụ.\n"
                f"  - {e['other_unit']}, các cơ quan liên quan và các đồng chí có tên tại Điều 1 "
                "chịu trách nhiệm thi hành Quyết định này.\n")
    if slug in ("bao-cao", "huong-dan"):
        first = "Kết quả thực hiện" if slug == "bao-cao" else "Hướng dẫn chung"
        second = "Phương hướng, nhiệm vụ" if slug == "bao-cao" else "Tổ chức thực hiện"
        return ("intro: Thực hiện chỉ đạo của cấp trên, cơ quan báo cáo như sau.\n"
                "# Parts, numbered I., II., … in the document.\n"
                "sections:\n"
                f"  - title: {first}\n    paragraphs:\n"
                "      - Các nhiệm vụ trọng tâm được triển khai đúng tiến độ.\n"
                f"  - title: {second}\n    paragraphs:\n"
                "      - Tiếp tục triển khai thực hiện các nhiệm vụ năm 2025.\n")
    if slug == "giay-moi":
        return ("body: |\n"
                f"  {e['short']} trân trọng kính mời dự Hội nghị tổng kết công "
                "tác năm 2024.\n"
                "time: 8 giờ 00, ngày 20/12/2024\n"
                "venue: Hội trường cơ quan\n"
                "participants: Lãnh đạo các cơ quan, đơn vị\n")
    raise KeyError(slug)


def scaffold(slug: str, system: str) -> str:
    """The commented YAML spec for a type and system."""
    if slug not in TYPES:
        raise KeyError(slug)
    e = EXAMPLES[system]
    number = e["number_cv"] if slug == "cong-van" else e["number"].format(code=CODES[slug])
    addressees = e["addressees"] if slug in ("cong-van", "to-trinh", "bao-cao") else []
    lines = [
        f"# Draft spec: {TYPES[slug][0]} ({'văn bản của Đảng' if system == 'party' else 'văn bản hành chính'}).",
        f"# Draft it with:  vanthu draft THIS.yaml -o {slug}.docx [--pdf]",
        f"type: {slug}",
        f"system: {system}",
        f"# Format rules: hd36 (Party), nd30 (State), or a .toml file of your own.",
        f"profile: {e['profile']}",
        "issuer:",
        "  # The body above the issuer, if any (e.g. UBND TỈNH … over SỞ …).",
        f"  parent: {e['parent'] or 'null'}",
        f"  name: {e['issuer']}",
        "  # How the body names itself in running text.",
        f"  short: {e['short']}",
        "# Số và ký hiệu without 'Số'; numbers below 10 get their leading 0.",
        f"number: {number}",
        f"place: {e['place']}",
        "date: 2024-12-02",
        "# The trích yếu, without 'V/v' (the profile adds it where the rules want it).",
        "subject: tổ chức hội nghị tổng kết công tác năm 2024",
        "# Kính gửi: one or several; leave [] when the type has none.",
        "addressees:" + ("\n" + _list(addressees) if addressees else " []"),
        _body(slug, e).rstrip("\n"),
        "signer:",
        f"  authority: {e['authority']}",
        f"  position: {e['position']}",
        f"  name: {e['name']}",
        "# Nơi nhận: the profile adds '- ' and the punctuation; the last item is the archive.",
        "recipients:",
        _list(e["recipients"]),
    ]
    return "\n".join(lines) + "\n"
