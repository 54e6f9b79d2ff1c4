"""The drafting form of `vanthu serve`: a type's draft spec as fields, laid out by the scaffold
`vanthu new` prints (its keys in order, example values, comments as help), and the spec rebuilt
from the form's values and checked by generators/spec.py. No rule lives here: the scaffold, the
spec checks, the templates and the profiles stay the only copy.

    fields = form.fields("cong-van", "state")              # [{key, kind, value, help}, …]
    spec = form.spec_from("cong-van", "state", {f["key"]: f["value"] for f in fields})
"""
from __future__ import annotations

import datetime as dt
import re

import yaml

from generators.scaffold import scaffold
from generators.spec import SYSTEMS, TYPES, Spec, SpecError, _loader, parse_spec

FIXED = ("type", "system")  # chosen with the form, not in it


def _comments(text: str) -> dict[str, str]:
    """{dotted key: the comment lines just above it} of a scaffold."""
    helps, pending, parent = {}, [], None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped.lstrip("# ").strip())
            continue
        match = re.match(r"^(\s*)([A-Za-z_]\w*):", line)
        if match:
            if not match.group(1):
                parent = match.group(2)
            key = match.group(2) if not match.group(1) else f"{parent}.{match.group(2)}"
            if pending:
                helps[key] = " ".join(pending)
        pending = []
    return helps


def _kind(value) -> str:
    if isinstance(value, list):
        return "lines" if all(isinstance(v, (str, int)) for v in value) else "yaml"
    if isinstance(value, dict):
        return "yaml"
    return "long" if isinstance(value, str) and "\n" in value else "text"


def _as_text(kind: str, value) -> str:
    if value is None:
        return ""
    if kind == "lines":
        return "\n".join(str(v) for v in value)
    if kind == "yaml":
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
    return str(value)


def _check_choice(slug: str, system: str) -> None:
    if slug not in TYPES:
        raise SpecError(f"type '{slug}' is not one of {', '.join(TYPES)}")
    if system not in SYSTEMS:
        raise SpecError(f"system '{system}' is not one of {', '.join(SYSTEMS)}")


def fields(slug: str, system: str, data: dict | None = None) -> list[dict]:
    """The form's fields: the scaffold's keys (a mapping of plain values gives a field each,
    "issuer.name"), each with its kind (text, long, lines, yaml), its value (from `data`, a
    spec such as a reply's, else the scaffold's example) and the scaffold's comment."""
    _check_choice(slug, system)
    text = scaffold(slug, system)
    example = yaml.load(text, Loader=_loader())
    helps = _comments(text)
    # A new draft is dated today; the scaffold's example date is only an example.
    given = data if data is not None else {**example, "date": dt.date.today().isoformat()}
    out = []
    for key in [*example, *(k for k in given if k not in example)]:
        if key in FIXED:
            continue
        shape = example.get(key, given.get(key))
        value = given.get(key)
        if isinstance(shape, dict) and all(not isinstance(v, (dict, list))
                                           for v in shape.values()):
            value = value or {}
            for sub in [*shape, *(s for s in value if s not in shape)]:
                out.append({"key": f"{key}.{sub}", "kind": "text",
                            "value": _as_text("text", value.get(sub)),
                            "help": helps.get(f"{key}.{sub}", "")})
            continue
        kind = _kind(shape)
        out.append({"key": key, "kind": kind, "value": _as_text(kind, value),
                    "help": helps.get(key, "")})
    return out


def spec_from(slug: str, system: str, values: dict[str, str]) -> Spec:
    """The spec the form's values make, checked as `vanthu draft` checks a YAML file."""
    data: dict = {"type": slug, "system": system}
    for field in fields(slug, system):
        raw = (values.get(field["key"]) or "").replace("\r\n", "\n")
        if field["kind"] == "lines":
            value = [line.strip() for line in raw.splitlines() if line.strip()]
        elif field["kind"] == "yaml":
            try:
                value = yaml.load(raw, Loader=_loader()) if raw.strip() else None
            except yaml.YAMLError as err:
                raise SpecError(f"form: field '{field['key']}' is not valid YAML "
                                f"({str(err).splitlines()[0]})") from None
        else:
            value = raw.strip() if field["kind"] == "text" else raw.strip("\n")
            value = value or None
        if "." in field["key"]:
            parent, sub = field["key"].split(".", 1)
            data.setdefault(parent, {})[sub] = value
        else:
            data[field["key"]] = value
    return parse_spec(data, "form")


REPLY_TYPES = ("bao-cao", "cong-van")


def reply_fields(record: dict, slug: str, unit: str) -> list[dict]:
    """The form of the answer to a received record (`vanthu reply`'s spec): the unit's tasks in
    it, its citation, its issuer as addressee; number, place and signer left as the scaffold's
    examples for the clerk to replace."""
    from generators.reply import reply_spec

    if slug not in REPLY_TYPES:
        raise SpecError(f"a reply is one of {', '.join(REPLY_TYPES)}, not '{slug}'")
    system = record.get("system") if record.get("system") in SYSTEMS else "state"
    example = {f["key"]: f["value"] for f in fields(slug, system)}
    signer = {part: example.get(f"signer.{part}") or None
              for part in ("authority", "position", "name")}
    spec = reply_spec(record, slug, unit, system=system, number=example["number"],
                      place=example["place"], signer=signer)
    return fields(slug, system, spec.data)
