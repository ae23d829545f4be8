"""Patterns, word lists and gazetteers as data files inside the package.

Every stage reads its YAML through :func:`load` (parsed once per process, cached), and
finds other resources (templates, the sector model) through :func:`path`, so that a
regular install finds them as well as an editable one.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def path(name: str) -> Path:
    """The file ``name`` of ``pipeline/data`` (a real path: package data is installed unzipped)."""
    return Path(str(resources.files(__name__).joinpath(name)))


@cache
def load(name: str):
    """The parsed YAML file ``name`` (e.g. ``"targets.yaml"``); callers must not mutate it."""
    return yaml.load(path(name).read_text(encoding="utf-8"), Loader=_LOADER)
