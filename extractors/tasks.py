"""Tasks: who must do what, by when, and where the text says so.

The body is read paragraph by paragraph; a numbered or bulleted paragraph is an item
(`1.`, `2.1.`, `a)`, `-`, `+`, `Điều 2.`), and items nest. Each clause (a sentence, or a part
after ";") is an assignment when it says so:
- `Giao X chủ trì, phối hợp với Y <action>` (X leads, Y supports), `Giao X <action>`;
- `Đề nghị/Yêu cầu X <action>`; a generic X ("các cơ quan, đơn vị") means the addressees;
- `X: <action>` where X names who acts;
- `X <action>` where X opens the clause with a body's or a group's word, in an item or with a
  deadline.
A clause that names nobody adds its deadline to the task before it in the same paragraph; an
item that names nobody inherits its parent item's assignee. The deadline of a task is the first
one inside its own clauses, else none.

Where the assignee ends and the action starts is decided by a list of action words
(data/tasks.toml), matched in lower case only, and skipped when used as nouns ("các tổ chức
chính trị", "cấp lãnh đạo"). underthesea's tagger was tried for this and rejected: on these
texts it tags "cán sự", "Thường vụ" and "tổ chức đảng" as verbs, and costs 10 ms a sentence.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.deadlines import Deadline
from extractors.zones import Piece, paragraphs, strip_marks
from pipeline.text import collapse, is_upper

_DATA = Path(__file__).with_name("data") / "tasks.toml"
FOLLOWING_SENTENCE = 300  # characters: how far a deadline-only sentence may follow its task
# Bullets: the hyphen and the dashes OCR and Word write for it, and round or square marks.
BULLETS = "-+•–—‒−●▪◦○*"
# "$.2." is OCR's "5.2.": the one confusion seen at the start of a numbered line.
_ITEM = re.compile(r"^\s*(?:((?:\d{1,2}|\$(?=\.\d))(?:\.\d{1,2}){0,3})[.)]|([a-zđ])\)|"
                   rf"(Điều\s+\d+)\.?|([{re.escape(BULLETS)}])|([IVX]+)\.)\s+")
_TRIGGER = re.compile(r"(?:^|(?<=\s))(?:(?P<giao>[Gg]iao(?!\s+thông))(?:\s+cho)?|(?P<ask>(?:[Đđ]ề\s+nghị|"
                      r"[Yy]êu\s+cầu)(?:\s+và\s+(?:đề\s+nghị|yêu\s+cầu))?))\s+")


@lru_cache(maxsize=1)
def task_words() -> dict:
    with _DATA.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def _action_re() -> re.Pattern:
    words = sorted(task_words()["action_words"], key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(map(_phrase, words)) + r")(?![\w])")


def _phrase(words: str) -> str:
    """A pattern for words however wide the spaces between them (a justified line's)."""
    return r"\s+".join(map(re.escape, words.split()))


@dataclass
class Task:
    id: str
    assignees: list[str]
    text: str
    span: tuple[int, int]
    sentence: str
    lead: str | None = None
    support: list[str] = field(default_factory=list)
    deadline: Deadline | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "assignees": self.assignees, "lead": self.lead,
                "support": self.support, "text": self.text,
                "deadline": self.deadline.date if self.deadline else None,
                "deadline_text": self.deadline.text if self.deadline else None,
                # A duty without a date recurs ("Thường xuyên", "Hằng năm") or has none.
                "recurrence": self.deadline.rule if self.deadline and not self.deadline.date
                else None,
                "sentence": self.sentence, "span": list(self.span)}


def _action_start(text: str, start: int = 0) -> re.Match | None:
    """The first action word in text at or after start that is used as a verb: not as a noun,
    and not inside a passive phrase ("các hội được Đảng và Nhà nước giao nhiệm vụ")."""
    words = task_words()
    for match in _action_re().finditer(text, start):
        passive = re.search(r"\bđược((?:\s+[^\s,;]+){0,4})\s*$", text[:match.start()])
        if passive:
            continue
        before = collapse(text[max(0, match.start() - 40):match.start()]).rstrip(" ,").lower()
        # "các đơn vị, tổ chức, cá nhân"
        after = collapse(text[match.end():match.end() + 40]).lstrip(" ,").lower()
        if any(before.endswith(" " + w) or before == w for w in words["noun_before"]):
            continue
        if any(after.startswith(w + " ") or after.startswith(w + ",") or after == w
               for w in words["noun_after"]) and not _EVENT_AFTER.match(after):
            continue  # "tổ chức đảng", "tổ chức hội"; but "tổ chức Hội nghị" is an action
        return match
    return None


_EVENT_AFTER = re.compile(r"hội (?:nghị|thi|thảo|diễn|trại|chợ|khỏe|thao|báo|sách|làng)\b")


def split_assignees(phrase: str) -> list[str]:
    """Bodies named one after the other ("Ban Tổ chức Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy") become
    several assignees; a phrase whose parts are not each a body's name stays one."""
    if ";" in phrase:  # a list the text itself marks: "Chánh Văn phòng …; Chủ tịch UBND …"
        return [name for part in phrase.split(";") if part.strip(" ,")
                for name in split_assignees(part.strip(" ,"))]
    heads = [h for h in task_words()["assignee_heads"] if h[:1].isupper() and h != "Các"]
    cuts = [m for m in re.finditer(r",\s+", phrase)  # never at "và": "HĐND và UBND huyện"
            if any(phrase.startswith(h + " ", m.end()) for h in heads)]
    if not cuts:
        return [phrase]
    parts, start = [], 0
    for cut in cuts:
        parts.append(phrase[start:cut.start()].strip())
        start = cut.end()
    parts.append(phrase[start:].strip())
    # Each part must be one body's name, not itself a list of groups ("tổ chức đảng, …").
    if all(p[:1].isupper() and not re.search(r",\s+[a-zđ]", _GROUP_WORDS.sub("", p))
           for p in parts) and any(
            p == h or p.startswith(h + " ") for h in heads for p in parts[:1]):
        return parts
    return [phrase]


# Kinds a name lists after a comma ("các sở, ban, ngành tỉnh", "các huyện, thị xã và thành
# phố"): still one name.
_GROUP_WORDS = re.compile(r",\s+(?:các\s+)?(?:ban|ngành|đoàn thể|đơn vị|địa phương|thị xã|thành "
                          r"phố|phường|xã|huyện|thị trấn|quận|cơ quan|cấp|hội)\b")


def _clean(phrase: str) -> str:
    return collapse(strip_marks(phrase)).strip(" ,;:.-/")  # "./." ends a document's body


@lru_cache(maxsize=1)
def _assignee_head_re() -> re.Pattern:
    heads = sorted(task_words()["assignee_heads"], key=len, reverse=True)
    return re.compile(r"\s*(?:" + "|".join(map(_phrase, heads)) + r")(?:[ ,:;]|$)")


def _opens_with_assignee(text: str) -> bool:
    """Does the text open with who acts? Not when it opens with a capitalised action word
    ("Tổ chức đào tạo …", "Tổng hợp kết quả …")."""
    opening = text.lstrip()
    verb = _action_start(opening[:1].lower() + opening[1:])
    if verb is not None and verb.start() == 0:
        return False
    return bool(_assignee_head_re().match(opening))


def _triggered(clause: str, addressees: list[str]):
    """`Giao X …`, `Đề nghị X …`, `Yêu cầu X …`: at the clause's start, or after the body that
    gives the order ("Sở Y tế đề nghị X …")."""
    words = task_words()
    trigger = _TRIGGER.search(clause)
    if not trigger:
        return None
    # Who gives the order, if anyone: the words before the trigger, after a leading phrase
    # ("Để chuẩn bị …, Ban Thường vụ Tỉnh ủy đề nghị …").
    before = clause[:trigger.start()].rsplit(",", 1)[-1].lstrip()
    after_comma = clause[:trigger.start()].rstrip().endswith(",")  # "Trên đây là …, đề nghị X"
    # "…, do vậy đề nghị X", "Trên đây là ý kiến của Sở Y đề nghị X": a request all the same.
    linked = _LINKED_REQUEST.match(before) or _CLOSING_REQUEST.match(clause)
    if trigger.start() > 2 and not after_comma and not linked and not (
            _opens_with_assignee(before) and len(before) < 120
                                    and _action_start(before) is None
                                    and not re.search(r"\bđược\b[^,]*$", before)):
        return None  # "các hội được Đảng và Nhà nước giao nhiệm vụ" assigns nothing
    rest_start = trigger.end()
    if not _opens_with_assignee(clause[rest_start:]):
        return None  # "giao nhiệm vụ cho …", "đề nghị tặng Huy hiệu": no body is asked
    colon = clause.find(":", rest_start, rest_start + 80)
    verb = _action_start(clause, rest_start)
    end = colon if colon >= 0 and (verb is None or colon < verb.start()) else (
        verb.start() if verb else -1)
    if end <= rest_start:
        return None
    # "đề nghị Bộ Công Thương một số nội dung sau:" asks the body; what follows is the work.
    who = _clean(re.sub(r"(?:\s+(?:thực hiện|triển khai))?(?:\s+(?:một số|các|những))?(?:\s+"
                        r"(?:nội dung|nhiệm vụ|việc|vấn đề|công việc))?(?:\s+(?:cụ thể|trọng tâm))?"
                        r"(?:\s+như)?\s+sau\s*$", "", _WHAT_THEY_GO_BY.sub(
                            "", clause[rest_start:end])))
    if not who or len(who.split()) > 40:
        return None
    action_start = end + 1 if end == colon else end
    assignees = split_assignees(who)
    if end == colon and _opens_with_assignee(clause[action_start:]):
        # "Giao Giám đốc: Sở A, Sở B phối hợp …": the role, then the bodies it applies to.
        verb = _action_start(clause, action_start)
        if verb:
            listed = split_assignees(_clean(clause[action_start:verb.start()]))
            assignees = [f"{who} {body}" for body in listed]
            action_start = verb.start()
    assignees, lead, support, action_start = _lead_and_support(clause, action_start,
                                                             assignees)
    if trigger.group("ask") and addressees and who.lower() in words["generic_addressees"]:
        assignees = list(addressees)
    return assignees, lead, support, action_start


_LINKED_REQUEST = re.compile(r"(?:do vậy|vì vậy|do đó|vì thế|theo đó|đồng thời|ngoài ra|"
                             r"trên cơ sở đó|qua đó|bên cạnh đó|nay)\s*$", re.I)
_CLOSING_REQUEST = re.compile(r"Trên đây là\b")


def _lead_and_support(clause: str, action_start: int, assignees: list[str]):
    """`X chủ trì, phối hợp với Y <action>`: X leads, Y supports. (assignees with the partners
    after them, lead, support, where the action starts)."""
    lead, support = None, []
    after = clause[action_start:]
    lead_match = re.match(r"\s*chủ trì\s*,?\s*(?:phối hợp với\s+)?", after, re.I)
    with_match = re.match(r"\s*(?:chủ trì\s*,?\s*)?phối hợp(?:\s+chặt chẽ)?\s+với\s+", after, re.I)
    if not (lead_match or with_match):
        return assignees, lead, support, action_start
    if lead_match:
        lead = assignees[0]
    if with_match:
        partners_start = action_start + with_match.end()
        verb = _action_start(clause, partners_start)
        partners = _clean(clause[partners_start:verb.start()]) if verb else ""
        # "Bộ Tài nguyên và Môi trường, các cơ quan liên quan": the named partners only.
        partners = _GENERIC_TAIL.sub("", partners)
        if partners and len(partners.split()) <= 25:
            # Partners the text does not name ("các cơ quan liên quan") support no one in
            # particular.
            support = [s for s in split_assignees(partners) if not _unnamed_partner(s)]
            action_start = verb.start()
    else:
        action_start += lead_match.end()
    return assignees + [s for s in support if s not in assignees], lead, support, action_start


_GENERIC_TAIL = re.compile(r"(?:,\s*|\s+và\s+)(?:các\s+)?(?:cơ quan|đơn vị|bộ, ngành|bộ, cơ quan|"
                           r"ngành|sở, ngành|địa phương)\b.*$", re.I | re.S)


def _unnamed_partner(name: str) -> bool:
    lowered = name.lower()
    return "liên quan" in lowered or lowered.startswith(("các cơ quan", "các đơn vị", "cơ quan",
                                                         "đơn vị", "địa phương")) or bool(
        re.fullmatch(r"các\s+\w+(?:,\s*\w+)*", lowered))  # "các Bộ", "các sở, ngành"


def _assignment(clause: str, addressees: list[str], in_item: bool, has_deadline: bool):
    """(assignees, lead, support, action start) when the clause assigns work, else None."""
    return _triggered(clause, addressees) or _named(clause, addressees, in_item, has_deadline)


def _named(clause: str, addressees: list[str], in_item: bool, has_deadline: bool):
    """An assignment without a request's trigger: "X: …", "X <action> …"."""
    words = task_words()
    colon = clause.find(":")
    label = _clean(clause[:colon]) if colon > 0 else ""
    if label and (any(label.startswith(w) for w in words["not_assignees"])
                  or _opens_with_duty(label)):
        # "Tiến độ thực hiện: Cấp cơ sở …", "Mở chuyên mục: Báo Tiền Phong, Báo Thanh niên mở
        # …": the label names no one; what follows may.
        inner = _assignment(clause[colon + 1:], addressees, in_item, has_deadline)
        if inner:
            assignees, lead, support, start = inner
            return assignees, lead, support, start + colon + 1
        return None
    framed = _FRAMED.match(clause)
    if framed and _names_body(clause[framed.end():]):
        # "Căn cứ nội dung văn bản, Sở Công Thương tổ chức thực hiện": what X goes by, then X
        # and the work: an instruction, when X is named ("các cơ quan liên quan" is not).
        inner = _named(clause[framed.end():], addressees, True, has_deadline)
        if inner and not _unnamed_partner(inner[0][0]):
            assignees, lead, support, start = inner
            return assignees, lead, support, start + framed.end()
        return None
    if not _opens_with_assignee(clause):
        return None
    verb = _doer_end(clause)
    if 0 < colon and (verb is None or colon < verb.start()
                      or _action_start(clause[colon + 1:].lstrip().lower()) is not None
                      and _action_start(clause[colon + 1:].lstrip().lower()).start() == 0):
        rest = clause[colon + 1:].strip(" .;")
        if rest and _opens_with_assignee(rest) and _action_start(rest.lower()) is None:
            return None  # "Chủ đầu tư: Ban Quản lý dự án …": a field and its value
        if re.search(r"\s(?:bao gồm|gồm có|gồm)$", label):
            return None  # "Hội đồng thẩm định bao gồm: …": who is in it, not what it does
        if len(label.split()) <= 25 and not _nameless(label):
            return split_assignees(label), None, [], colon + 1
    if verb is None or verb.start() == 0 or clause.startswith("sẽ ", verb.start()):
        return None  # "Ban Tổ chức sẽ cộng tổng điểm": what the issuer's own body will do
    # A modal word, or a lead-in to the list of work below ("… thực hiện một số việc sau:").
    modal = any(clause[verb.start():].startswith(w) for w in words["modal_words"]) or bool(
        re.search(r"\bsau\s*:\s*$", clause) and not clause.startswith("ban hành", verb.start()))
    if not (in_item or has_deadline or modal):
        return None  # a sentence that reports, not one that assigns
    who = _clean(_WHAT_THEY_GO_BY.sub("", clause[:verb.start()]))
    if not who or len(who.split()) > 60 or _REPORTED.search(who) or _nameless(who):
        # "các thôn, bản đã được các tỉnh, thành đoàn lựa chọn": done to, not by; "Bộ … đã
        # ban hành", "Sở … nhận được Văn bản": what was done, not what is to be done.
        return None
    return _lead_and_support(clause, verb.start(), split_assignees(who))


# "…, Chủ tịch UBND các huyện căn cứ Quyết định thi hành": what they go by is not who.
_WHAT_THEY_GO_BY = re.compile(r",?\s+căn cứ\b.*$", re.S | re.I)
_FRAMED = re.compile(r"(?:Căn cứ|Trên cơ sở)\b[^,;:.]{3,160},\s*")


def _nameless(who: str) -> bool:
    """Does a doer no request names fail to name a body? "Các phần", "Các đội thi", "Tổng
    điểm", a bare "Đơn vị" do; "Trường", "Khoa" in a school's plan, abbreviations ("UBND") and
    every name that opens with a body's word do not."""
    if who.isupper() and len(who.split()) == 1:
        return False
    return who.lower() in task_words()["bare_heads"] or not _names_body(who)


# Words in who acts that make the clause a report or a courtesy, not work given: "đã ban
# hành", "nhận được", "Báo X trân trọng giới thiệu", "Văn phòng truyền đạt ý kiến …".
_REPORTED = re.compile(r"\s(?:(?:đã|đang|sẽ|đều)\s+được|đã|vừa|đang|nhận được|trân trọng|xin|"
                       r"truyền đạt)(?:\s|$)")
# "Văn phòng Chính phủ thông báo Bộ … biết, thực hiện": the issuer informs; the work is above.
_INFORMS = re.compile(r"(?:xin\s+)?thông báo\b(?:(?!\.\s).){0,200}\b(?:được\s+)?biết\b", re.I)


def _doer_end(clause: str) -> re.Match | None:
    """Where who acts ends: at an early modal phrase ("Đoàn kiểm tra có nhiệm vụ …", whose name
    holds an action word), unless an action comes before it after a name of two words or more
    ("Hội đồng thẩm định làm việc theo chế độ tập thể và chịu trách nhiệm …")."""
    boundary, action = _boundary(clause), _action_start(clause)
    if boundary and action and action.start() < boundary.start() and len(
            clause[:action.start()].split()) >= 2:
        return action
    return boundary or action


def _boundary(clause: str) -> re.Match | None:
    """An early modal phrase ("có nhiệm vụ") that ends who acts."""
    words = task_words()["boundary_words"]
    match = re.search(r"(?<![\w])(" + "|".join(map(_phrase, words)) + r")(?![\w])", clause)
    return match if match and len(clause[:match.start()].split()) <= 30 else None


def _lists_requested(part: str) -> bool:
    """A ';'-part that ends inside the list of bodies a request names ("… đề nghị Ủy ban MTTQ
    tỉnh; các Sở, ban, ngành; …"): no action word after the trigger yet."""
    trigger = _TRIGGER.search(part)
    return bool(trigger) and _action_start(part, trigger.end()) is None


def _clauses(text: str, start: int):
    """(clause text, absolute start) for each sentence or ';'-part of a paragraph. A ';'-part
    with no action word lists more subjects and stays with what follows it ("Các sở, ban,
    ngành; UBND các huyện … báo cáo …")."""
    position = 0
    pending_at = None
    for part in re.split(r"(?<=[.;!?])\s+(?=\S)", text):
        at = text.find(part, position)
        position = at + len(part)
        if part.endswith(";") and (_action_start(part) is None and _opens_with_assignee(part)
                                   or _lists_requested(part)):
            pending_at = at if pending_at is None else pending_at
            continue
        if pending_at is not None:
            part, at, pending_at = text[pending_at:position], pending_at, None
        yield part, start + at
    if pending_at is not None:
        yield text[pending_at:position], start + pending_at


_HEADING_LEAD = re.compile(r"^(?:(?:Trách nhiệm|Nhiệm vụ)(?:\s+của)?|Đối với|Giao(?:\s+cho)?)\s+",
                           re.I)
_DUTIES_SECTION = re.compile(r"^(?:tổ chức thực hiện|điều khoản thi hành|(?:đề xuất,?\s*)?kiến "
                             r"nghị|đề xuất|trách nhiệm thi hành|phân công nhiệm vụ)\b", re.I)


def heading_body(text: str, numbered: bool) -> list[str] | None:
    """The bodies a heading names when the items below it are their duties ("2. Sở Tài chính",
    "Trách nhiệm của Công an tỉnh:", "Đối với UBND cấp huyện:"); None for any other line. A
    line that is not numbered must end with ':' or open with "Trách nhiệm của", "Đối với"."""
    line = collapse(strip_marks(text)).strip()
    colon = line.endswith(":")
    line = line.rstrip(" :")
    lead = _HEADING_LEAD.match(line)
    if not (numbered or colon or lead):
        return None
    name = line[lead.end():] if lead else line
    # Bodies a heading lists with ";" ("Các tỉnh, thành đoàn; Hội Sinh viên các tỉnh") are
    # each a body; a sentence's stops are no heading's.
    if not name or len(name.split()) > 40 or re.search(r"[.!?]\s|[.!?]$", name) or any(
            not _names_body(part.strip()) for part in name.split(";")[1:]):
        return None
    name = name[:1].upper() + name[1:]
    opening = _action_start(name[:1].lower() + name[1:])
    if is_upper(name) or _TRIGGER.search(name) or (opening is not None and opening.start() == 0):
        return None  # a part's title ("TỔ CHỨC THỰC HIỆN"), a label, an action
    if not _names_body(name) or _action_start(name) is not None or _unnamed([name]):
        return None
    return split_assignees(name)


def _names_body(name: str) -> bool:
    """Does the phrase open with a body's word ("Sở …", "Các sở, ban, ngành", "Thủ trưởng các
    đơn vị") rather than with what a heading describes ("Tổng khối lượng …", "Các nội dung")?"""
    rest = re.sub(r"^(?:(?:thủ trưởng|lãnh đạo|người đứng đầu)\s+)?(?:các\s+)?", "",
                  name.lower())
    return any(rest == h or rest.startswith((h + " ", h + ",", h + ":"))
               for h in task_words()["body_heads"])


def _unnamed(assignees: list[str]) -> bool:
    """Doers a directive does not name ("các tổ chức, cá nhân", "doanh nghiệp"): no task."""
    first = assignees[0].lower() if assignees else ""
    return any(first == w or first.startswith(w + " ") or first.startswith(w + ",")
               for w in task_words()["unnamed_doers"])


def _duties_section(text: str) -> bool:
    """A heading that opens the part where bodies get their duties ("IV. TỔ CHỨC THỰC HIỆN")."""
    line = collapse(strip_marks(text)).strip(" :")
    return len(line) <= 60 and bool(_DUTIES_SECTION.match(line))


# "Thường trực Thành ủy yêu cầu:", "Chủ tịch UBND tỉnh chỉ thị:"; not "Mục đích, yêu cầu:".
_ASKING_END = re.compile(r"\w\s+(?:yêu cầu|đề nghị|chỉ thị)\s*:\s*$")
# Openers of background, not of a duty ("Thực hiện Công văn số …", "Căn cứ …").
_BACKGROUND = re.compile(r"^(?:Thực hiện|Căn cứ|Theo|Để|Nhằm|Trên cơ sở|Trong|Qua|Sau|Ngày|"
                         r"Hiện nay|Tuy nhiên|Trân trọng)\b")


def _opens_with_duty(text: str) -> bool:
    """Does a paragraph open with an action, capitalised, as a duty does ("Triển khai …")?"""
    opening = text.lstrip()
    if not opening[:1].isupper() or _BACKGROUND.match(opening):
        return False
    verb = _action_start(opening[:1].lower() + opening[1:])
    return verb is not None and verb.start() == 0


# A paragraph a lost bullet opened: the marker is gone, its text opens with a capital.
_LOST_BULLET = re.compile(r"()()()()()(?=[A-ZĐÀ-Ỹ])")


def _bullets_lost(read: list[Piece]) -> bool:
    """Has the text layer dropped the bullets (a symbol font's glyph read as nothing)? Then its
    numbered items open flush with the margin and its bulleted ones with the one or two spaces
    that stood after the glyph."""
    numbered = [p.indent for p in read if _ITEM.match(p.text) and p.text[:1] not in BULLETS]
    spaced = sum(1 for p in read if p.indent in (1, 2) and p.text[:1].isupper())
    return bool(numbered) and not any(numbered) and spaced >= 2


def _plan_section(text: str) -> bool:
    """A plan's part title that names no doer ("Mục đích", "Yêu cầu thực hiện", "Đối tượng,
    phạm vi, hình thức và thời gian khảo sát")."""
    line = collapse(strip_marks(text)).strip(" :.")
    return len(line.split()) <= 12 and bool(_SECTION_TITLE.match(line))


_SECTION_TITLE = re.compile(r"(?:mục đích|yêu cầu|đối tượng|phạm vi|thời gian|kinh phí|"
                            r"hình thức|phương pháp|nội dung|quan điểm|mục tiêu|"
                            r"căn cứ|tiến độ thực hiện|địa điểm|thành phần)\b", re.I)


def _duty_paragraph(text: str) -> bool:
    """Does a paragraph open with a duty: an action ("Tổ chức các buổi …"), or what to go by
    and then an action ("Căn cứ tình hình địa phương, lựa chọn phương án …")?"""
    framed = _FRAMED.match(text)
    if framed:
        verb = _action_start(text[framed.end():])
        return verb is not None and verb.start() == 0
    return _opens_with_duty(text)


def restates_rules(doc_type: str | None) -> bool:
    """Is it a kind of document that restates rules or reports (Hướng dẫn, Báo cáo …)?"""
    return doc_type in task_words()["restating_types"]


def find_tasks(body: list[Piece], wrapped: bool, addressees: list[str],
               deadlines: list[Deadline], doc_type: str | None = None) -> list[Task]:
    """The tasks of a body. In documents that restate rules or report (data/tasks.toml,
    restating_types) only requests, headed duties and the part that assigns the work count."""
    tasks: list[Task] = []
    # (item level, assignees it names, whether its items are all their duties)
    stack: list[tuple[int, list[str] | None, bool]] = []
    counter = 0
    pending: list[str] | None = None  # "X:" closing the paragraph before names who acts next
    asked: list[str] | None = None  # the bodies the request just before asks
    asking = False  # the issuer's "yêu cầu:" made what follows requests
    scope: list[str] | None = None  # an unnumbered heading or lead-in: its items are X's duties
    section_level = scope_level = -1  # the numbered item read last, and the one scope is in
    restating = restates_rules(doc_type)
    assigning_part = not restating
    by_end = sorted(deadlines, key=lambda d: d.span[1])  # a clause finds its own by bisection
    ends = [d.span[1] for d in by_end]
    read = paragraphs(body, wrapped)
    bullets_lost = _bullets_lost(read)
    for paragraph in read:
        text = paragraph.text.replace("\n", " ")  # wrapped lines read as one; offsets kept
        marker = _ITEM.match(text) or (
            bullets_lost and paragraph.indent in (1, 2) and _LOST_BULLET.match(text))
        level, item_id = 99, None
        if marker:
            number, letter, article, bullet, section = marker.groups()
            if section:
                level = 0  # "III. TỔ CHỨC THỰC HIỆN": a new part; nothing above carries over
                scope = None
            elif number:
                level, item_id = number.count(".") + 1, number
            elif letter:
                level = 10
            elif article:
                level, item_id = 1, article
            else:
                level = 20
            while stack and stack[-1][0] >= level:
                stack.pop()
            if level < 10:
                if level <= scope_level:  # "2.6. Ý kiến khác" after the lead-in in "2.5."
                    scope = None
                section_level = level
        body_start = marker.end() if marker else 0
        own_text = text[body_start:]
        if restating and (level <= 1 or not marker) and len(own_text) <= 80:
            if _duties_section(own_text):
                assigning_part = True
            elif marker and level == 0:
                assigning_part = False
        if level < 10 and _plan_section(own_text):
            # "1. Mục đích", "3.4. Thời gian khảo sát": a part of the plan that gives no one
            # work; a lead-in above does not reach into it.
            scope = pending = asked = None
            stack.append((level, None, False))
            continue
        # Where rules are restated, a heading body's items are procedure, not work given.
        headed = assigning_part and heading_body(own_text, marker is not None and level < 20)
        if headed:
            if marker:
                stack.append((level, headed, True))
            else:
                # A new group: items above carry nothing over.
                scope, scope_level, stack = headed, section_level, []
            pending = asked = None  # a new heading ends what a request above reached
            continue
        parent = next(((a, strong) for _, a, strong in reversed(stack) if a), None)
        if marker:
            inherited, strong = parent if parent else (scope, scope is not None)
        elif (parent and parent[1] or scope is not None) and not (pending or asked) and (
                _duty_paragraph(own_text)):
            # "2.2. Các tỉnh, thành đoàn" or "Cấp trên trực tiếp cơ sở:" over duties written
            # as plain paragraphs (or whose bullets a converter dropped): each is the heading
            # body's, until a paragraph that is not a duty.
            inherited, strong = parent if parent and parent[1] else (scope, True)
        else:
            inherited, strong = pending or asked, False
            scope = None
        pending = None
        if asked and (marker or not _opens_with_duty(own_text)):
            asked = None
        paragraph_tasks: list[Task] = []
        named: list[str] | None = None
        lead_in = False
        asked_here: list[str] | None = None  # the bodies a request in this paragraph asks
        for clause, at in _clauses(own_text, paragraph.start + body_start):
            # Dated deadlines first; an event-relative one ("trước khi …") only if none.
            own = sorted(by_end[bisect.bisect_left(ends, at + 1):
                                bisect.bisect_left(ends, at + len(clause) + 1)],
                         key=lambda d: (d.date is None, d.span))
            found = _triggered(clause, addressees)
            requested = found is not None
            found = found or _named(clause, addressees, marker is not None or asking,
                                    any(d.date for d in own))
            if found and not (assigning_part or strong or requested):
                found = None  # a rule restated or a fact reported, not work given
            first_verb = _action_start(clause[:1].lower() + clause[1:])
            if found is None and inherited and not paragraph_tasks and (
                    strong or first_verb is not None and first_verb.start() < 3):
                found = _lead_and_support(clause, 0, list(inherited))
                found = found[:3] + (0,)  # the item's whole text is the action
            if found is None:
                # A clause naming nobody gives its deadline to the task just before it.
                previous = tasks[-1] if tasks and not paragraph_tasks else (
                    paragraph_tasks[-1] if paragraph_tasks else None)
                if own and own[0].date and previous and previous.deadline is None and (
                        paragraph_tasks or at - previous.span[1] < FOLLOWING_SENTENCE):
                    previous.deadline = own[0]
                continue
            assignees, lead, support, action_start = found
            if _unnamed(assignees):
                continue
            if paragraph_tasks and not own and not _TRIGGER.match(clause.lstrip()):
                continue  # more subjects of the same task ("…; các hội … cụ thể hóa …")
            action = _clean(clause[action_start:])
            if _INFORMS.match(action):
                continue
            leads_in = clause.rstrip().endswith(":") and not paragraph_tasks
            if not action or leads_in:
                # "1. Ban Tổ chức Tỉnh ủy:" names who acts in the sub-items, or in the next
                # paragraph when a line break cut "X:" from its action; "Đề nghị Bộ Công
                # Thương một số nội dung sau:" leads in to the items that are its tasks.
                named = pending = assignees
                lead_in = leads_in and (assigning_part or requested)
                continue
            counter += 1
            # An item's number when it is the item's own task; else a running number.
            task_id = item_id if item_id and not paragraph_tasks else f"t{counter}"
            paragraph_tasks.append(Task(task_id, assignees, action, (at, at + len(clause)),
                                        _clean(clause), lead, support,
                                        own[0] if own else None))
            if requested:
                asked_here = assignees
            named = named or assignees
        if lead_in and not marker:  # its items below, or the paragraph right after it
            scope, scope_level, stack = named, section_level, []
        # "Thường trực Thành ủy yêu cầu:" makes the paragraphs below requests; a request's
        # paragraph lends its bodies to the paragraphs after it that open with a duty
        # ("Triển khai lực lượng …", "Sẵn sàng lực lượng …").
        if _ASKING_END.search(text):
            asking = True  # to the end: the parts below are what is asked
        if not marker and asked_here:
            asked = asked_here
        if marker and level < 99:
            stack.append((level, named, lead_in or (strong and named is inherited)))
        tasks.extend(paragraph_tasks)
    return tasks
