"""Questionnaire writes made from the admin console: flushed and audited, never committed."""

from __future__ import annotations

from .. import audit
from ..extensions import db
from .service import LoadResult, load_text


def upload(data: bytes, source_name: str) -> LoadResult:
    """Load an uploaded file as a new version (or find it unchanged).

    Raises ``UnicodeDecodeError``, ``QuestionnaireInvalid`` or ``IncompatibleChange``;
    a SAVEPOINT makes sure nothing of a refused file stays in the session.
    """
    text = data.decode("utf-8-sig")
    with db.session.begin_nested():
        result = load_text(text, source_name)
    if result.created:
        version = result.version
        audit.record(
            "questionnaire.load",
            "questionnaire_version",
            version.id,
            form_id=version.questionnaire.form_id,
            number=version.number,
            label=version.label,
            content_hash=version.content_hash,
            source_name=source_name,
        )
    return result
