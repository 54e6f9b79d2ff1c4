"""Bodies and people: the Kính gửi list, the Nơi nhận list and the signature block.

List items start with "-", "+" or "•", sit on one line or several (a wrapped item's second line
carries no dash and stays part of the item), and may come inline after their label
("Kính gửi: - A, - B"). The signature block is the thẩm quyền line (T/M, TM., KT., T/L, TL.,
TUQ., Q.), the position, and the signer's name, any of which may be missing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.found import Found
from extractors.vocab import starts_with_any, vocabulary
from extractors.zones import (ITEM_OPENER, KINH_GUI, NOI_NHAN, Piece, copy_kind, is_upper,
                             strip_marks)
from pipeline.text import collapse

_BULLET = re.compile(r"^\s*[-+•–]\s*")
_INLINE_BULLET = re.compile(r"(?<=[,;.])\s+[-+•–]\s+")
# Lines that are no part of a list: stray punctuation, file paths, signing notes, and notes in
# square brackets that transcriptions of scans add ("[seal: …]", "[signature]").
_NOISE_LINE = re.compile(r"^(?:[;,.:]+|[A-Za-z]:\\.*|.*\\.*\\.*|\(?(?:đã ký|Đã ký|ký tên)[^)]*\)?"
                         r"|\[[^\]]*\])$")
_BRACKET_NOTE = re.compile(r"\s*\[[^\]]*\]\s*$")


def clean_item(text: str) -> str:
    text = _BRACKET_NOTE.sub("", _BULLET.sub("", strip_marks(text)))
    return collapse(text).strip(" ,;.").strip()


def _items(pieces: list[Piece], label: re.Pattern, stop) -> list[Found]:
    """Items after a label line, up to the first line `stop` says ends the list."""
    items: list[list] = []  # [text, start, end]
    bulleted = any(_BULLET.match(strip_marks(p.text)) or _INLINE_BULLET.search(p.text)
                   for p in pieces)
    for n, piece in enumerate(pieces):
        text = piece.text
        if n == 0:
            match = label.match(text)
            rest = text[match.end():] if match else text
            offset = piece.start + (match.end() if match else 0)
            parts = [p for p in _INLINE_BULLET.split(rest)]
            for part in parts:
                if clean_item(part):
                    at = offset + rest.find(part)
                    items.append([part, at, at + len(part)])
            continue
        stripped = strip_marks(text)
        blank_before = not strip_marks(pieces[n - 1].text)
        if not stripped or _NOISE_LINE.match(stripped):
            continue
        if stop(stripped):
            break
        if _BULLET.match(stripped) or not items:
            for part in _INLINE_BULLET.split(text):
                at = piece.start + text.find(part)
                items.append([part, at, at + len(part)])
            continue
        previous = clean_item(items[-1][0]) if items else ""
        if previous.startswith("Lưu") and not stripped[0].islower():
            break  # "Lưu …" closes a Nơi nhận list
        if not bulleted and (re.search(r"[;]\s*$", items[-1][0])
                             or ITEM_OPENER.match(stripped)):
            items.append([text, piece.start, piece.end])  # an item whose bullet was lost
            continue
        # A line without a dash right under an item is its wrapped second half, unless it
        # starts a sentence of its own after a finished item.
        wrapped = (stripped[0].islower() or not re.search(r"[,;.]\s*\**$", items[-1][0])
                   or (not blank_before and len(stripped) < 80))
        if wrapped and previous and not is_upper(stripped):
            items[-1][0] += " " + text
            items[-1][2] = max(items[-1][2], piece.end)
            continue
        break
    # Items run together when their lines were joined: "…, KHCN; - VPCP: …", or, where a
    # converter dropped the bullets, "Như trên; TT BBT (b/c);".
    between = _INLINE_BULLET if bulleted else re.compile(r"(?<=;)\s+")
    # A joined item's text is not a copy of the page (a space joins its lines, which a column
    # cut may have put out of order): its parts' spans stay within the lines' own.
    items = [[part, min(start + text.find(part), end), min(start + text.find(part) + len(part),
                                                           end)]
             for text, start, end in items for part in between.split(text)]
    return [Found(clean_item(t), (s, e)) for t, s, e in items if clean_item(t)]


def addressees(pieces: list[Piece]) -> list[Found]:
    """The Kính gửi items (pieces: the Kính gửi line and what follows it)."""
    if not pieces:
        return []
    return _items(pieces, KINH_GUI, stop=lambda text: bool(KINH_GUI.match(text)))


def _signature_like(text: str) -> bool:
    return authority_line(text) or position_line(text) or bool(copy_kind(text))


def recipients(closing: list[Piece]) -> list[Found]:
    """The Nơi nhận items of the closing part; where the label was lost, the bulleted items the
    closing opens with, when they read as a Nơi nhận list ("- Như Điều 3;", "- Lưu: VT")."""
    for n, piece in enumerate(closing):
        if NOI_NHAN.match(piece.text):
            return _items(closing[n:], NOI_NHAN, stop=_signature_like)
    listed = []
    for piece in closing:
        if not _BULLET.match(strip_marks(piece.text)):
            break
        listed.append(piece)
    if any(re.match(r"^[-+•–]\s*(?:Như|Lưu)\b", strip_marks(p.text)) for p in listed):
        return _items([Piece("", listed[0].start, listed[0].index)] + listed, NOI_NHAN,
                      stop=_signature_like)
    return []


def authority_line(text: str) -> bool:
    text = strip_marks(text)
    prefixes = vocabulary()["signature"]["authority_prefixes"]
    return is_upper(text) and len(text.split()) <= 12 and any(
        text.startswith(p) for p in prefixes)


def position_line(text: str) -> bool:
    text = strip_marks(text)
    if not is_upper(text) or len(text.split()) > 10 or re.search(r"\d|[:;]", text):
        return False
    words = f" {text.upper()} "
    return any(f" {p} " in words for p in vocabulary()["signature"]["positions"])


def _name_line(text: str) -> bool:
    text = strip_marks(text)
    words = text.split()
    if not 2 <= len(words) <= 6 or re.search(r"[\d:;,/()]", text):
        return False
    if not all(w[0].isupper() for w in words):
        return False
    if is_upper(text):
        return not starts_with_any(text, vocabulary()["headings"]["party"]) and not any(
            starts_with_any(text, [h]) for h in vocabulary()["headings"]["org_heads"]) \
            and not position_line(text)
    return True


def continuation(text: str) -> bool:
    """An upper-case fragment a narrow signature column wrapped onto its own line ("TỊCH")."""
    text = strip_marks(text)
    return is_upper(text) and len(text.split()) <= 3 and not authority_line(text) \
        and not position_line(text) and not re.search(r"[\d:;,/()]", text)


def signature_lines(pieces: list[Piece], *, first: bool = False) -> list[int]:
    """Indices (in pieces) of the authority, position and name lines of a signature block:
    the first block when first=True, else the last one. [] when there is none. Authority and
    position may each run over two lines (two authorities, or a wrap in a narrow column)."""
    blocks: list[list[int]] = []
    i = 0
    while i < len(pieces):
        text = pieces[i].text
        if not (authority_line(text) or position_line(text)):
            i += 1
            continue
        block = [i]
        k = _next_text(pieces, i + 1)
        if authority_line(text):
            # "KT. BỘ TRƯỞNG," / "CHỦ NHIỆM": an authority that ends in a comma goes on.
            while k is not None and (authority_line(pieces[k].text)
                                     or continuation(pieces[k].text)
                                     or (strip_marks(pieces[block[-1]].text).endswith(",")
                                         and is_upper(pieces[k].text))):
                block.append(k)
                k = _next_text(pieces, k + 1)
            if k is not None and position_line(pieces[k].text):
                block.append(k)
                k = _next_text(pieces, k + 1)
        # A position a narrow column wrapped after "PHÓ" ("PHÓ" / "TRƯỞNG BAN") goes on.
        while k is not None and strip_marks(pieces[block[-1]].text).endswith("PHÓ") \
                and is_upper(pieces[k].text) and not authority_line(pieces[k].text):
            block.append(k)
            k = _next_text(pieces, k + 1)
        while k is not None and continuation(pieces[k].text) and not _name_line(pieces[k].text):
            block.append(k)
            k = _next_text(pieces, k + 1)
        k = _next_text(pieces, block[-1] + 1, skip_noise=True)
        if k is not None and _name_line(pieces[k].text):
            block.append(k)
        blocks.append(block)
        if first:
            break
        i = block[-1] + 1
    if not blocks:
        return []
    return blocks[0] if first else blocks[-1]


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(n.upper() for n in vocabulary()["signature"]["surnames"])


def person_name(text: str) -> bool:
    """A person's name: two to six words, the first a family name, each in title case (or the
    whole in capitals), nothing else ("Nguyễn Tuấn Anh", "PHẠM MINH CHÍNH")."""
    text = strip_marks(text)
    words = text.split()
    if not 2 <= len(words) <= 6 or re.search(r"[^\w\s'-]|\d", text):
        return False
    if words[0].upper() not in _surnames():
        return False
    return is_upper(text) or all(w[0].isupper() and (len(w) == 1 or not w[1:].isupper())
                                 for w in words)


def signature_piece(text: str) -> bool:
    """A line of a signature block: thẩm quyền, position, name, or several of them run
    together ("TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN BÍ THƯ (đã ký) Nguyễn Tường Lâm")."""
    text = strip_marks(text)
    return bool(text) and (authority_line(text) or position_line(text) or person_name(text)
                           or len(_signature_parts(text)) > 1)


_SIGNED_NOTE = re.compile(r"^\s*\(?\s*(?:đã|Đã|ĐÃ)\s+(?:ký|KÝ)[^)]{0,30}\)?\s*")


@lru_cache(maxsize=1)
def _position_heads() -> re.Pattern:
    words = sorted(vocabulary()["signature"]["positions"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def _signature_parts(text: str) -> list[tuple[int, int]]:
    """Spans of the thẩm quyền, position and name in a line that runs them together (a table
    cell, a converter's joined lines); one span when the line is one of them or none."""
    words = list(re.finditer(r"\S+", text))
    upper = 0
    while upper < len(words) and is_upper(words[upper].group() + "A"):
        upper += 1
    if not upper:
        return [(0, len(text))]
    upper_end = words[upper - 1].end()
    spans = [(0, upper_end)]
    rest = text[upper_end:]
    if rest.strip():
        note = _SIGNED_NOTE.match(rest)
        name_at = upper_end + (note.end() if note else 0)
        if not person_name(text[name_at:]):
            return [(0, len(text))]
        spans.append((name_at + len(text[name_at:]) - len(text[name_at:].lstrip()),
                      len(text.rstrip())))
    head = text[:upper_end]
    prefix = next((p for p in vocabulary()["signature"]["authority_prefixes"]
                   if head.startswith(p)), None)
    if prefix:
        matches = list(_position_heads().finditer(head))
        if matches:
            last = len(matches) - 1
            while last and matches[last - 1].group() == "PHÓ" \
                    and not head[matches[last - 1].end():matches[last].start()].strip():
                last -= 1
            cut = matches[last].start()
            # "BAN BÍ THƯ", "BAN GIÁM ĐỐC": a body's name, not its head's position.
            if head[len(prefix):cut].strip(" ,") and not head[:cut].rstrip().endswith("BAN"):
                spans[0:1] = [(0, len(head[:cut].rstrip())), (cut, upper_end)]
    return spans


def split_signature_run(piece: Piece) -> list[Piece]:
    """A closing piece cut into its thẩm quyền, position and name when it runs them together."""
    spans = _signature_parts(piece.text)
    if len(spans) == 1:
        return [piece]
    return [Piece(piece.text[a:b], piece.start + a, piece.index, column=piece.column)
            for a, b in spans]


def _next_text(pieces: list[Piece], j: int, skip_noise: bool = False) -> int | None:
    while j < len(pieces):
        text = strip_marks(pieces[j].text)
        if text and not (skip_noise and _NOISE_LINE.match(text)):
            return j
        j += 1
    return None


def signer(closing: list[Piece]) -> dict[str, Found] | None:
    """authority, position and name of the closing's signature block, each a Found or None."""
    lines = signature_lines(closing, first=True)
    if not lines:
        return None
    parts: dict[str, list[Piece]] = {"authority": [], "position": [], "name": []}
    current = None
    for index in lines:
        piece = closing[index]
        text = strip_marks(piece.text)
        if (authority_line(text) and not parts["position"]) or (
                current == "authority" and strip_marks(parts["authority"][-1].text).endswith(",")):
            current = "authority"  # "KT. BỘ TRƯỞNG," / "CHỦ NHIỆM" is one authority
        elif position_line(text) or (current == "position" and strip_marks(
                parts["position"][-1].text).endswith("PHÓ")):
            current = "position"
        elif _name_line(text) and (not continuation(text) or index == lines[-1]):
            current = "name"  # a name in capitals is a name when it ends the block
        elif current is None:
            current = "position"
        parts[current].append(piece)
    return {key: (Found(collapse(" ".join(strip_marks(p.text) for p in pieces)),
                        (pieces[0].start, pieces[-1].end)) if pieces else None)
            for key, pieces in parts.items()}
