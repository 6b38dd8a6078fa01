"""Turn questionnaire text into a :class:`Form`, or into every problem found in it.

Three passes, each reporting ``PATH:LINE:COL`` positions at the offending node:
YAML syntax (:mod:`.yaml_source`), the schema (:mod:`.partial`: the parts that
parse go on), then the semantic checks (:mod:`.checks`) on those parts. So one
schema error does not hide the file's other problems.
"""

from __future__ import annotations

import hashlib
import json

from .checks import Compiler
from .form import Form
from .partial import validate_parts
from .spec import FormSpec, Spec
from .yaml_source import LocatedDocument, Problem, YamlSyntaxError, load_located
from .yaml_subset import MAX_FILE_BYTES


class QuestionnaireInvalid(ValueError):
    """The file cannot be used; ``problems`` lists everything wrong, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(set(problems))

    def format(self, filename: str) -> list[str]:
        return [problem.format(filename) for problem in self.problems]


def parse_form(text: str) -> Form:
    """Validate and compile one questionnaire file; raise :class:`QuestionnaireInvalid`."""
    return form_from_document(*load_document(text))


def load_document(
    text: str, max_bytes: int | None = MAX_FILE_BYTES
) -> tuple[LocatedDocument, list[Problem]]:
    """Pass 1: the YAML mapping with positions, plus its duplicate keys (still to report)."""
    try:
        document = load_located(text, max_bytes)
    except YamlSyntaxError as exc:
        raise QuestionnaireInvalid(exc.problems) from None
    problems = list(document.duplicate_keys)
    if not isinstance(document.data, dict):
        problems.append(Problem(document.position_of(()), "a questionnaire must be a mapping"))
        raise QuestionnaireInvalid(problems)
    return document, problems


def form_from_document(
    document: LocatedDocument, problems: list[Problem], *, strict: bool = True
) -> Form:
    """Passes 2 and 3 for a survey; ``strict=False`` skips the expression-meaning checks."""
    parts = validate_parts(FormSpec, document)
    compiler = Compiler(parts.spec, document, parts.dropped, strict=strict)
    found = [*problems, *parts.problems]
    form = compiler.compile(content_hash(parts.spec) if not found else "")
    if found or compiler.problems:
        raise QuestionnaireInvalid(found + compiler.problems)
    return form


def content_hash(spec: Spec) -> str:
    """Hash of the meaning of a file: comments and layout do not make a new version."""
    canonical = json.dumps(spec.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
