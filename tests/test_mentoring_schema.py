"""The named mentoring data cannot be joined with the anonymous survey data: no foreign
key crosses between ``mentoring_*`` and any other table, in the models and in the
migrated database, and the anonymous tables have no column that could hold a name."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.extensions import db

MENTORING = "mentoring_"
#: The anonymous side: what a respondent leaves behind.
ANONYMOUS = ("response", "draft", "invitation", "submission_receipt", "failed_attempt")
NAME_LIKE = ("name", "contact", "email", "e_mail", "phone", "nip", "participant", "mentor")


def crossing(edges: list[tuple[str, str]]) -> list[str]:
    """Foreign keys from a mentoring table out, or from any other table in."""
    return sorted(
        f"{source} -> {target}"
        for source, target in edges
        if source.startswith(MENTORING) != target.startswith(MENTORING)
    )


def model_edges() -> list[tuple[str, str]]:
    return [
        (table.name, fk.column.table.name)
        for table in db.metadata.sorted_tables
        for fk in table.foreign_keys
    ]


def database_edges() -> list[tuple[str, str]]:
    inspector = sa.inspect(db.engine)
    return [
        (table, fk["referred_table"])
        for table in inspector.get_table_names()
        for fk in inspector.get_foreign_keys(table)
    ]


def test_the_models_have_no_key_between_mentoring_and_the_rest(app):
    assert any(s.startswith(MENTORING) for s, _t in model_edges())  # the check sees them
    assert crossing(model_edges()) == []


def test_the_migrated_database_has_no_key_between_mentoring_and_the_rest(app):
    tables = sa.inspect(db.engine).get_table_names()
    assert {"mentoring_round", "mentoring_participant", "mentoring_pair"} <= set(tables)
    assert crossing(database_edges()) == []


def test_audit_events_name_their_target_by_text_not_by_key(app):
    inspector = sa.inspect(db.engine)
    targets = {fk["referred_table"] for fk in inspector.get_foreign_keys("audit_event")}
    assert targets == {"staff_user"}
    columns = {c["name"]: c["type"] for c in inspector.get_columns("audit_event")}
    assert isinstance(columns["target_id"], sa.String)


def test_the_anonymous_tables_have_no_name_like_column(app):
    inspector = sa.inspect(db.engine)
    for table in ANONYMOUS:
        for column in inspector.get_columns(table):
            name = column["name"].lower()
            assert not any(word in name for word in NAME_LIKE), f"{table}.{name}"


def test_the_crossing_check_would_see_a_key_into_the_named_area():
    assert crossing([("response", "mentoring_participant")]) == [
        "response -> mentoring_participant"
    ]
    assert crossing([("mentoring_pair", "campaign")]) == ["mentoring_pair -> campaign"]
