"""A directive made at test time whose tasks fall due relative to today: one overdue, one
within a week, one recurring (monthly), one far off, each for a different unit (sở)."""
from __future__ import annotations

import datetime as dt

UNITS = ["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Y tế"]


def directive(today: dt.date, number: int = 215, secret: bool = False) -> str:
    def on(days: int) -> str:
        return (today + dt.timedelta(days=days)).strftime("%d/%m/%Y")
    issued = today - dt.timedelta(days=40)
    return f"""ỦY BAN NHÂN DÂN TỈNH KON TUM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: {number}/UBND-VP
Kon Tum, ngày {issued.day} tháng {issued.month} năm {issued.year}
V/v triển khai kiểm tra công vụ{' (mật)' if secret else ''} đợt {number}
Kính gửi: Các sở, ban, ngành

Ủy ban nhân dân tỉnh yêu cầu:
1. {UNITS[0]} chủ trì, xây dựng kế hoạch kiểm tra công vụ, hoàn thành trước ngày {on(-3)}.
2. {UNITS[1]} bố trí kinh phí kiểm tra, hoàn thành trước ngày {on(4)}.
3. {UNITS[2]} báo cáo kết quả thực hiện trước ngày 15 hằng tháng.
4. {UNITS[3]} rà soát hồ sơ cán bộ, hoàn thành trước ngày {on(60)}.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""
