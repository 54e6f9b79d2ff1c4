"""Draft specs: the YAML a clerk fills in, checked field by field before anything is written.

Every type shares the header and closing fields; each type adds its own body fields (see the
scaffolds `vanthu new TYPE` prints). A missing or malformed field is reported by name with
what is expected, and nothing is drafted.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import VanthuError

# slug -> (type name, fields the body needs)
TYPES = {
    "cong-van": ("Công văn", ["body"]),
    "ke-hoach": ("Kế hoạch", ["muc_dich", "noi_dung", "to_chuc_thuc_hien"]),
    "bao-cao": ("Báo cáo", ["sections"]),
    "thong-bao": ("Thông báo", ["body"]),
    "to-trinh": ("Tờ trình", ["body"]),
    "quyet-dinh": ("Quyết định", ["authority", "can_cu", "articles"]),
    "giay-moi": ("Giấy mời", ["body", "time", "venue"]),
    "huong-dan": ("Hướng dẫn", ["sections"]),
}
SYSTEMS = ("party", "state")


class SpecError(VanthuError):
    """A draft spec that cannot be drafted, with the field and what it should be."""


@dataclass
class Spec:
    data: dict
    slug: str
    type_name: str
    system: str
    date: dt.date

    def __getitem__(self, key):
        return self.data.get(key)


def _require(data: dict, field: str, kind, expected: str, where: str):
    value = data.get(field)
    if value is None or value == "" or value == []:
        raise SpecError(f"{where}: field '{field}' is missing; expected {expected}")
    if not isinstance(value, kind):
        raise SpecError(f"{where}: field '{field}' should be {expected}, not "
                        f"{type(value).__name__} {value!r}")
    return value


def parse_spec(data, where: str = "spec") -> Spec:
    """Check a loaded spec; raise SpecError naming the first field that is wrong."""
    if not isinstance(data, dict):
        raise SpecError(f"{where}: a draft spec is a YAML mapping of fields (see vanthu new)")
    slug = _require(data, "type", str, f"one of {', '.join(TYPES)}", where)
    if slug not in TYPES:
        raise SpecError(f"{where}: field 'type' is '{slug}'; expected one of {', '.join(TYPES)}")
    system = data.get("system", "state")
    if system not in SYSTEMS:
        raise SpecError(f"{where}: field 'system' is '{system}'; expected party or state")
    issuer = _require(data, "issuer", dict, "a mapping with 'name' (and 'parent')", where)
    _require(issuer, "name", str, "the issuing body's name", f"{where}: issuer")
    _require(data, "number", (str, int), "the number, e.g. 12 or '12/UBND-VP'", where)
    _require(data, "place", str, "the place name of the date line", where)
    raw_date = _require(data, "date", (str, dt.date), "a date as YYYY-MM-DD", where)
    try:
        date = raw_date if isinstance(raw_date, dt.date) else dt.date.fromisoformat(raw_date)
    except ValueError:
        raise SpecError(f"{where}: field 'date' is '{raw_date}'; expected a real date as "
                        "YYYY-MM-DD") from None
    _require(data, "subject", str, "the trích yếu", where)
    signer = _require(data, "signer", dict, "a mapping with authority, position and name",
                      where)
    _require(signer, "position", str, "the signer's position, e.g. CHỦ TỊCH", f"{where}: signer")
    _require(signer, "name", str, "the signer's full name", f"{where}: signer")
    for field in ("recipients", "addressees"):
        items = data.get(field) or []
        if field == "recipients":
            _require(data, field, list, "a list of Nơi nhận items", where)
        for n, item in enumerate(items, start=1):
            if not isinstance(item, str):
                raise SpecError(f"{where}: item {n} of '{field}' is {type(item).__name__} "
                                f"{item!r}; expected text (put items holding ': ' in quotes)")
    for field in TYPES[slug][1]:
        _require(data, field, (str, list, dict), f"the {field.replace('_', ' ')} of a "
                 f"{TYPES[slug][0].lower()} (see vanthu new {slug})", where)
    return Spec(data, slug, TYPES[slug][0], system, date)


def _loader():
    """YAML's safe loader, but dates stay text: a wrong one is then reported by its field."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return Loader


def load_spec(path: str | Path) -> Spec:
    import yaml
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_loader())
    except FileNotFoundError:
        raise SpecError(f"{path}: no such file") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise SpecError(f"{path}: not valid YAML ({str(err).splitlines()[0]})") from None
    return parse_spec(data, str(path))
