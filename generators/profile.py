"""Format profiles: one data file per rule set, shared by the generator and the checker.

`load_profile("nd30")`, `load_profile("hd36")` or `load_profile("my-province.toml")`. A user's
file names the profile it builds on (`extends = "hd36"`) and overrides only what differs; the
result is the base with those values replaced, table by table.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pipeline.errors import VanthuError

PROFILES = Path(__file__).with_name("profiles")
BUILT_IN = {"nd30": "state", "hd36": "party"}
FOR_SYSTEM = {system: name for name, system in BUILT_IN.items()}


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(
            base.get(key), dict) else value
    return merged


def load_profile(name_or_path: str) -> dict:
    """A built-in profile by name, or a profile file (which may extend a built-in one)."""
    if name_or_path in BUILT_IN:
        return _built_in(name_or_path)
    return _load(name_or_path)


@lru_cache(maxsize=len(BUILT_IN))
def _built_in(name: str) -> dict:
    return _load(name)


def _load(name_or_path: str) -> dict:
    path = PROFILES / f"{name_or_path}.toml" if name_or_path in BUILT_IN else Path(name_or_path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise VanthuError(f"{name_or_path}: no such profile (built in: "
                          f"{', '.join(sorted(BUILT_IN))}, or a .toml file)") from None
    except tomllib.TOMLDecodeError as err:
        raise VanthuError(f"{path}: not a valid profile ({err})") from None
    base = data.pop("extends", None)
    if base:
        data = _merge(load_profile(base), data)
    return data


def value(profile: dict, dotted: str):
    """profile["a"]["b"] for "a.b"."""
    node = profile
    for part in dotted.split("."):
        node = node[part]
    return node


def uncertain(profile: dict, dotted: str) -> bool:
    """Does the rule set leave this value unsettled (a warning, not an error, when broken)?"""
    return any(dotted == key or dotted.startswith(key + ".") for key in profile.get("uncertain", []))
