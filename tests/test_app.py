"""The app factory, configuration, language and the shipped schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po

from survey_app import create_app
from survey_app.extensions import db
from survey_app.questionnaire.json_schema import json_schema
from survey_app.respond.models import Response

from .respondent import Respondent, complete_mini

ROOT = Path(__file__).resolve().parent.parent


def test_production_refuses_a_missing_or_weak_secret_key(monkeypatch):
    for key in ("", "short", "dev-only-not-secret"):
        monkeypatch.setenv("SECRET_KEY", key)
        monkeypatch.setattr("config.Config.SECRET_KEY", key)
        with pytest.raises(RuntimeError, match="SECRET_KEY"):
            create_app("config.ProductionConfig")


def test_production_starts_with_a_real_key_and_secure_cookies(monkeypatch):
    monkeypatch.setattr("config.Config.SECRET_KEY", "x" * 40)
    app = create_app("config.ProductionConfig")
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(
    ("setting", "value"),
    [("SURVEY_APP_FLAG_RELEVANCE", "tinggi"), ("SURVEY_APP_FLAG_GAIN_ALPHA", "2")],
)
def test_a_bad_flag_threshold_stops_the_start_with_its_name(setting, value):
    with pytest.raises(
        ValueError, match=setting.removeprefix("SURVEY_APP_FLAG_").lower() + "|" + setting
    ):
        create_app({setting: value})


def test_the_factory_touches_no_database():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    assert "respond" in app.blueprints  # built without connecting anywhere


def test_indonesian_is_the_default_and_english_is_remembered(make_campaign, client):
    make_campaign()
    assert "Privasi Anda" in client.get("/s/c1/").get_data(as_text=True)
    assert "Your privacy" in client.get("/s/c1/?lang=en").get_data(as_text=True)
    assert "Your privacy" in client.get("/s/c1/").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_every_ui_string_has_an_indonesian_translation():
    path = ROOT / "survey_app/translations/id/LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [m.id for m in catalog if m.id and not m.string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == [] and fuzzy == []
    # what `pybabel compile` (make run) refuses: a translation whose %-placeholders differ
    broken = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert broken == []


def test_the_shipped_json_schema_is_current():
    shipped = json.loads((ROOT / "questionnaires/schema/questionnaire.schema.json").read_text())
    assert shipped == json_schema(), "run: flask --app survey_app questionnaire schema"


def test_pages_take_no_assets_from_elsewhere(make_campaign, client):
    make_campaign()
    body = client.get("/s/c1/").get_data(as_text=True)
    assert "http://" not in body and "https://" not in body
    assert "<script" not in body


def test_errors_are_friendly_pages_or_json(client):
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "<h1>" in page.get_data(as_text=True)
    api = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert api.status_code == 404 and api.get_json()["status"] == 404


def test_sqlite_connections_enforce_foreign_keys_and_overwrite_deleted_rows(tmp_path: Path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(sa.text("PRAGMA secure_delete")).scalar() == 1


def test_responses_are_dated_by_the_respondents_calendar_day(make_campaign, app):
    make_campaign()
    complete_mini(Respondent(app.test_client()), "c1")
    stored = db.session.scalar(sa.select(Response.submitted_on))
    assert stored == dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
