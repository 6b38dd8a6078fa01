"""The questionnaire format: YAML with positions, schema, expressions, question types.

Pure Python (no Flask, no SQL): a file goes in, an immutable :class:`Form` (a survey)
or :class:`SessionForm` (a focus-group session form, ``kind: focus_group``) comes out.
"""

from .answers import FieldError, PageResult, first_incomplete_section, prune_hidden, read_section
from .form import Answers, Form
from .session_form import SessionForm, SessionFormSpec
from .session_validate import Parsed, parse_any, parse_located, parse_session_form
from .validate import QuestionnaireInvalid, content_hash, parse_form
from .yaml_source import Position, Problem

__all__ = [
    "Answers",
    "FieldError",
    "Form",
    "PageResult",
    "Parsed",
    "Position",
    "Problem",
    "QuestionnaireInvalid",
    "SessionForm",
    "SessionFormSpec",
    "content_hash",
    "first_incomplete_section",
    "parse_any",
    "parse_form",
    "parse_located",
    "parse_session_form",
    "prune_hidden",
    "read_section",
]
