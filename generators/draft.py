"""A draft spec in, a .docx (and PDF) out: the type's template gives the body, the profile the
layout."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generators.docx_writer import write_draft
from generators.profile import FOR_SYSTEM, load_profile
from generators.spec import Spec

TEMPLATES = Path(__file__).with_name("templates")
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _paragraphs(value) -> list[str]:
    """A string (paragraphs separated by blank lines) or a list, as a list of paragraphs."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [" ".join(block.split()) for block in str(value).split("\n\n") if block.strip()]


def _roman(title: str, index: int) -> str:
    """'I. TITLE' unless the title is already numbered."""
    title = str(title).strip()
    if title.split(" ")[0].rstrip(".-") in _ROMAN:
        return title.upper()
    return f"{_ROMAN[index - 1] if index <= len(_ROMAN) else index}. {title.upper()}"


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), trim_blocks=True,
                              lstrip_blocks=True, undefined=StrictUndefined, autoescape=False)
    environment.filters["paragraphs"] = _paragraphs
    environment.filters["roman"] = _roman
    return environment


def profile_for(spec: Spec, override: str | None = None) -> dict:
    return load_profile(override or spec["profile"] or FOR_SYSTEM[spec.system])


def body_lines(spec: Spec, template_dir: str | None = None) -> list[str]:
    """The body markup the type's template gives for this spec."""
    context = {key: None for key in ("can_cu", "intro", "yeu_cau", "closing", "participants",
                                     "note", "addressees")}
    context.update(spec.data)
    context["issuer_short"] = spec["issuer"].get("short") or spec["issuer"]["name"]
    context["addressees"] = spec["addressees"] or [""]
    if template_dir:
        from jinja2 import Environment, FileSystemLoader, StrictUndefined
        environment = Environment(loader=FileSystemLoader([template_dir, str(TEMPLATES)]),
                                  trim_blocks=True, lstrip_blocks=True,
                                  undefined=StrictUndefined)
        environment.filters.update(_environment().filters)
    else:
        environment = _environment()
    return environment.get_template(f"{spec.slug}.j2").render(**context).splitlines()


def draft(spec: Spec, profile: dict, template_dir: str | None = None) -> bytes:
    return write_draft(spec, profile, body_lines(spec, template_dir))
