"""Benchmark 2: parsing tna-asn.yaml into a Form, against the cached per-version lookup.

Also times the YAML step alone with both PyYAML loaders: the one the app uses (libyaml's
CSafeLoader when installed, since commit 10a5a50) and the other one, for context.
"""

from __future__ import annotations

from typing import Any

import yaml
from flask import Flask

from survey_app.extensions import db
from survey_app.questionnaire import parse_form, yaml_source
from survey_app.versions.models import QuestionnaireVersion
from survey_app.versions.service import form_of

from .env import FORM_FILE
from .stats import time_calls

LOOKUPS = 20_000


def compose(text: str, loader: Any) -> None:
    """Just the YAML step: text to nodes to Python objects (load_located's first half)."""
    parser = loader(text)
    try:
        parser.construct_document(parser.get_single_node())
    finally:
        parser.dispose()


def yaml_loaders(text: str, repeats: int) -> dict[str, Any]:
    """Milliseconds of the YAML step per available loader, and the loader the app uses."""
    used = getattr(yaml_source, "_Loader", yaml.SafeLoader)
    loaders = [getattr(yaml, name) for name in ("SafeLoader", "CSafeLoader") if hasattr(yaml, name)]
    timings = {
        loader.__name__: time_calls(lambda loader=loader: compose(text, loader), repeats)
        .scaled(1e3)
        .as_dict()
        for loader in loaders
    }
    return {"app_loader": used.__name__, "yaml_ms": timings}


def parse_bench(app: Flask, repeats: int) -> dict[str, Any]:
    text = FORM_FILE.read_text(encoding="utf-8")
    parse = time_calls(lambda: parse_form(text), repeats).scaled(1e3)
    with app.app_context():
        version = db.session.get(QuestionnaireVersion, 1)
        assert version is not None, "run the respondent benchmark first: it loads the form"
        form_of(version)  # warm
        lookup = time_calls(lambda: form_of(version), repeats, LOOKUPS).scaled(1e6)
    return {
        "parse_ms": parse.as_dict(),
        "cached_lookup_us": lookup.as_dict(),
        "parse_over_lookup": parse.median * 1e3 / lookup.median,
        **yaml_loaders(text, repeats),
    }
