"""Questionnaire loads by staff (web or CLI): flushed and audited, never committed."""

from __future__ import annotations

from .. import audit
from ..questionnaire.yaml_subset import MAX_FILE_BYTES
from .catalogue import Catalogue, Plan
from .models import QuestionnaireVersion
from .service import LoadResult, load_text


def upload(data: bytes, source_name: str, max_bytes: int | None = MAX_FILE_BYTES) -> LoadResult:
    """Load an uploaded file as a new version (or find it unchanged).

    Raises ``UnicodeDecodeError`` or ``QuestionnaireInvalid`` (``IncompatibleChange``
    when it cannot follow the stored versions); a refused file writes nothing.
    """
    result = load_text(data.decode("utf-8-sig"), source_name, max_bytes)
    if result.created:
        record_load(result.version)
    return result


def check_upload(data: bytes, source_name: str, max_bytes: int | None = MAX_FILE_BYTES) -> Plan:
    """A dry run of :func:`upload`: what it would do given the stored versions; writes nothing."""
    return Catalogue().plan(data.decode("utf-8-sig"), source_name, max_bytes)


def record_load(version: QuestionnaireVersion) -> None:
    """Audit a newly stored version."""
    audit.record(
        "questionnaire.load",
        "questionnaire_version",
        version.id,
        form_id=version.questionnaire.form_id,
        number=version.number,
        label=version.label,
        content_hash=version.content_hash,
        source_name=version.source_name,
    )
