"""The JSON Schema that editors use, derived from the same models as the validation."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from .session_form import SessionFormSpec
from .spec import FormSpec


def json_schema() -> dict[str, Any]:
    """The JSON Schema that editors use (yaml-language-server): one of the two kinds."""
    refs, schema = models_json_schema([(FormSpec, "validation"), (SessionFormSpec, "validation")])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "survey_app questionnaire (format v1): a survey or a focus_group session form",
        "oneOf": [refs[(model, "validation")] for model in (FormSpec, SessionFormSpec)],
        **schema,
    }
