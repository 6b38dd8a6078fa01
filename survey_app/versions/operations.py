"""Questionnaire loads by staff (web or CLI): flushed and audited, never committed."""

from __future__ import annotations

from .. import audit
from .service import LoadResult, load_text


def upload(data: bytes, source_name: str) -> LoadResult:
    """Load an uploaded file as a new version (or find it unchanged).

    Raises ``UnicodeDecodeError``, ``QuestionnaireInvalid`` or ``IncompatibleChange``;
    a refused file leaves nothing in the session (``load_text`` writes only at the end).
    """
    result = load_text(data.decode("utf-8-sig"), source_name)
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
