"""``repeat_for: targeted_competencies``: one written question, one concrete question per
competency of the form's catalogue, expanded when the file is parsed.

Expanding at parse time keeps a version's questions and export columns fixed (one
pair of columns per catalogue code, whatever a campaign targets); a campaign then
leaves the codes it does not target unasked (:meth:`.form.Form.asking_only`).
"""

from __future__ import annotations

from .spec import CatalogueCompetency, FormSpec, Section
from .text import LocalText
from .types import Question
from .types.retrospective import PLACEHOLDER, Retrospective, code_slug


def is_template(question: Question) -> bool:
    return isinstance(question, Retrospective) and question.repeat_for is not None


def expand(question: Question, catalogue: list[CatalogueCompetency]) -> list[Question]:
    """The concrete questions ``question`` stands for (itself when not repeated)."""
    if not is_template(question):
        return [question]
    return [_copy(question, entry) for entry in catalogue]


def _copy(template: Question, entry: CatalogueCompetency) -> Question:
    return template.model_copy(
        update={
            "name": f"{template.name}_{code_slug(entry.code)}",
            "code": entry.code,
            "label": _filled(template.label, entry.label),
        }
    )


def _filled(template: LocalText, competency: LocalText) -> LocalText:
    """The template's text with ``{competency}`` replaced, language by language."""
    if isinstance(template, str):
        name = competency if isinstance(competency, str) else next(iter(competency.values()))
        return template.replace(PLACEHOLDER, name)
    return {
        language: text.replace(PLACEHOLDER, _in(competency, language))
        for language, text in template.items()
    }


def _in(text: LocalText, language: str) -> str:
    if isinstance(text, str):
        return text
    return text.get(language) or next(iter(text.values()), "")


def expanded_spec(spec: FormSpec) -> FormSpec:
    """``spec`` with every repeated question replaced by its concrete copies."""
    if not any(is_template(q) for section in spec.sections for q in section.questions):
        return spec
    return spec.model_copy(update={"sections": [_section(s, spec) for s in spec.sections]})


def _section(section: Section, spec: FormSpec) -> Section:
    questions = [copy for q in section.questions for copy in expand(q, spec.competencies)]
    return section.model_copy(update={"questions": questions})
