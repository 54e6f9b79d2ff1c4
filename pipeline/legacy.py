"""Vietnamese typed before Unicode: TCVN3 (ABC, the .VnTime fonts), VNI (the VNI-Times fonts)
and Windows-1258, found and turned into Unicode.

Legacy text reaches us as Latin-1 characters: a .txt file's bytes, or the code points Word and
PDF keep for a .VnTime or VNI font ("Uû ban nh©n d©n" is TCVN3 for "Uỷ ban nhân dân"; VNI
writes it "UÛy ban nhaân daân"). Text holding any letter beyond Latin-1 (ơ, ư, đ, ạ…) is
Unicode already and is left alone, which is what lets a document mix a TCVN3 header with a
Unicode body: each line (or each Word run) is judged on its own, against the encoding the whole
document points to. The encoding is chosen by which conversion gives the most well-formed
Vietnamese syllables; tone marks stay where the typist put them (uỷ stays uỷ).
"""
from __future__ import annotations

import re
import unicodedata

# TCVN3 (ABC): one byte a letter; upper-case letters with tone marks have no code (the .VnTimeH
# fonts draw the lower-case codes as capitals).
_TCVN3_LETTERS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ \xadư "
    "õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư")
TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_LETTERS.split(" ")}

_TONES = {"sắc": "\u0301", "huyền": "\u0300", "hỏi": "\u0309", "ngã": "\u0303", "nặng": "\u0323"}
# VNI: a base letter followed by a modifier character, one per tone and per hat-and-tone.
_VNI_TONE = {"sắc": "ù", "huyền": "ø", "hỏi": "û", "ngã": "õ", "nặng": "ï"}
_VNI_CIRCUMFLEX = {"": "â", "sắc": "á", "huyền": "à", "hỏi": "å", "ngã": "ã", "nặng": "ä"}
_VNI_BREVE = {"": "ê", "sắc": "é", "huyền": "è", "hỏi": "ú", "ngã": "ü", "nặng": "ë"}
_VNI_I = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}


def _vni_table() -> dict[str, str]:
    nfc = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731
    lower = {"ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ", **_VNI_I}
    for tone, mark in _TONES.items():
        for vowel in "aeouy":
            lower[vowel + _VNI_TONE[tone]] = nfc(vowel + mark)
        for code, horned in (("ô", "ơ"), ("ö", "ư")):
            lower[code + _VNI_TONE[tone]] = nfc(horned + mark)
    for tone, modifier in _VNI_CIRCUMFLEX.items():
        for vowel in "aeo":
            lower[vowel + modifier] = nfc(vowel + "\u0302" + _TONES.get(tone, ""))
    for tone, modifier in _VNI_BREVE.items():
        lower["a" + modifier] = nfc("a\u0306" + _TONES.get(tone, ""))
    return {**lower, **{code.upper(): letter.upper() for code, letter in lower.items()}}


VNI = _vni_table()

# Characters TCVN3 uses that VNI never does and Unicode Vietnamese has no use for.
_TCVN3_ONLY = set("µ¸¶·¹¨»¾¼½©Ç®Ð×Þßª«¬\xad÷þ¡¢§£¤¥¦çË")
_VNI_PAIR = re.compile("[aeouyAEOUYôöÔÖ][" + "".join(
    {*_VNI_TONE.values(), *_VNI_CIRCUMFLEX.values(), *_VNI_BREVE.values()}) + "]", re.I)
_BEYOND_LATIN1 = re.compile("[\u0100-\uffff]")
_FOREIGN = re.compile("[\u0080-\u00ff]")


def _converter(table: dict[str, str]):
    pattern = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    return lambda text: pattern.sub(lambda m: table[m.group()], text)


CONVERTERS = {"tcvn3": _converter(TCVN3), "vni": _converter(VNI)}

# A Vietnamese syllable: onset, vowel nucleus, coda (tone marks removed).
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]"
_NUCLEI = ("iêu|yêu|uyê|uya|uyu|ươi|ươu|oai|oay|oeo|uây|uôi|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|"
           "oa|oă|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y")
_SYLLABLE = re.compile(rf"(?:{_ONSET})?(?:{_NUCLEI})(?:ch|ng|nh|[cmnpt])?")
_TONE_MARKS = set(_TONES.values())


def _syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONE_MARKS for c in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_SYLLABLE.fullmatch(base))


def syllable_share(text: str) -> float:
    """The share of words that are well-formed Vietnamese syllables (with a diacritic or not)."""
    words = re.findall(r"[^\W\d_]+", text)
    return sum(map(_syllable, words)) / len(words) if words else 0.0


def detect(text: str) -> str | None:
    """"tcvn3", "vni" or None: the legacy encoding the Latin-1 parts of the text are in."""
    legacy = "\n".join(line for line in text.split("\n")
                       if _FOREIGN.search(line) and not _BEYOND_LATIN1.search(line))
    if not legacy:
        return None
    if sum(c in _TCVN3_ONLY for c in legacy) >= 2:
        return "tcvn3"
    if len(_VNI_PAIR.findall(legacy)) >= 2 and syllable_share(CONVERTERS["vni"](legacy)) > \
            syllable_share(legacy):
        return "vni"
    return None


def convert(text: str, encoding: str, upper: bool = False) -> str:
    """Text (a line, a run) from `encoding` to Unicode, unless it is Unicode already.

    TCVN3 has no capitals with tone marks: a .VnTimeH font draws the lower-case codes as
    capitals. So `upper` (the font is known to be such) capitalises everything, and so does
    text whose ASCII letters are all capitals ("ñY BAN NH¢N D¢N TØNH"); a single word so
    written is capitalised too ("TØNH" → "TỈNH"), but not a capital initial ("Uû" → "Uỷ")."""
    if _BEYOND_LATIN1.search(text) or not _FOREIGN.search(text):
        return text
    converted = CONVERTERS[encoding](text)
    words = re.findall(r"[^\W\d_]+", converted)
    capital_words = [w for w in words if _capitals(w)]
    if upper or (capital_words and not re.search("[a-z]", text)):
        return converted.upper()
    return re.sub(r"[^\W\d_]+", lambda m: m.group().upper() if _capitals(m.group())
                  else m.group(), converted)


def _capitals(word: str) -> bool:
    """A converted word written in ASCII capitals around its legacy letters ("TỉNH")."""
    ascii_letters = [c for c in word if c.isascii()]
    return len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters) and \
        len(ascii_letters) < len(word)


def decode_legacy_bytes(data: bytes) -> str:
    """Bytes that are not UTF-8, as text: Windows-1258 (letters with combining tone marks)
    decoded, or TCVN3/VNI bytes as the Latin-1 characters the fonts' codes are (converted
    later, line by line, with the other formats' legacy text), whichever reading gives more
    Vietnamese syllables."""
    latin = data.decode("latin-1")
    try:
        windows = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return latin
    encoding = detect(latin)
    if encoding and syllable_share(CONVERTERS[encoding](latin[:20000])) >= \
            syllable_share(windows[:20000]):
        return latin
    return windows
