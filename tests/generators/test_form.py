"""The drafting form (generators/form.py): every type and system, its fields from the scaffold
of `vanthu new`, back into a spec, drafted and passed by the checker; a wrong field is named."""
from __future__ import annotations

import pytest

from generators import form
from generators.checker import check
from generators.draft import draft, profile_for
from generators.spec import SYSTEMS, TYPES, SpecError


@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("slug", list(TYPES))
def test_every_form_drafts_a_document_the_checker_passes(slug, system):
    fields = form.fields(slug, system)
    keys = [f["key"] for f in fields]
    assert {"number", "subject", "signer.name", "issuer.name", "recipients"} <= set(keys)
    assert all(f["kind"] in ("text", "long", "lines", "yaml") for f in fields)
    values = {f["key"]: f["value"] for f in fields}
    values["subject"] = "kiểm tra công tác văn thư, lưu trữ năm 2026"
    spec = form.spec_from(slug, system, values)
    assert (spec.slug, spec.system, spec["subject"]) == (
        slug, system, "kiểm tra công tác văn thư, lưu trữ năm 2026")
    report = check(draft(spec, profile_for(spec)), profile_for(spec), f"{slug}.docx")
    assert not report.errors, [f.to_dict() for f in report.errors]


def test_a_wrong_field_is_named():
    values = {f["key"]: f["value"] for f in form.fields("cong-van", "state")}
    with pytest.raises(SpecError, match="'date'"):
        form.spec_from("cong-van", "state", {**values, "date": "31/02/2026"})
    with pytest.raises(SpecError, match="'signer'|signer"):
        form.spec_from("cong-van", "state", {**values, "signer.name": ""})
    with pytest.raises(SpecError, match="type"):
        form.fields("cong-dien", "state")


def test_a_given_spec_fills_the_form():
    values = {f["key"]: f["value"] for f in form.fields("bao-cao", "state")}
    spec = form.spec_from("bao-cao", "state", values)
    again = {f["key"]: f["value"] for f in form.fields("bao-cao", "state", spec.data)}
    assert form.spec_from("bao-cao", "state", again).data == spec.data
