"""The questionnaire format: YAML with positions, schema, expressions, question types.

Pure Python (no Flask, no SQL): a file goes in, an immutable :class:`Form` comes out.
"""

from .answers import FieldError, PageResult, first_incomplete_section, prune_hidden, read_section
from .form import Answers, Form
from .validate import QuestionnaireInvalid, content_hash, parse_form
from .yaml_source import Position, Problem

__all__ = [
    "Answers",
    "FieldError",
    "Form",
    "PageResult",
    "Position",
    "Problem",
    "QuestionnaireInvalid",
    "content_hash",
    "first_incomplete_section",
    "parse_form",
    "prune_hidden",
    "read_section",
]
