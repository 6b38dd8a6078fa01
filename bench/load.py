"""Benchmark 9: simulated respondents against gunicorn, next to a bare Flask app (issue 15).

Per backend (a temporary SQLite file, a throwaway PostgreSQL) two servers run side by
side, each gunicorn with the project's ``gunicorn.conf.py`` and 4 sync workers: the app
(``bench.load_app``: ProductionConfig over plain http) and the baseline
(``bench.bare_app``: the same number of requests, Flask-WTF CSRF, one INSERT at the
end). For each layout (the generated 35-question / 65-answer survey, and the bundled
``tna-asn.yaml``) and each concurrency (1, 8, 32, 128) the app and the baseline
alternate (their order flips every repeat), each measured by ``load_measure.measure``.
Afterwards every acknowledged response must be in the database: stored = acknowledged.

With ``stored`` > 0 (``--full``: 1,000,000), one more pair of campaigns on the 35/65
layout: one holding that many stored responses, one empty, measured alternately at 8
concurrent (empty, full, empty, ...); the ratio full / empty is the flatness figure.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from survey_app.campaigns.models import Campaign
from survey_app.campaigns.service import CampaignSettings, create_campaign
from survey_app.demo.seed import fake_answers
from survey_app.extensions import db
from survey_app.questionnaire import Form
from survey_app.questionnaire.same_page import REVEALED_FIELD, live_questions
from survey_app.respond import navigation
from survey_app.respond.models import Response
from survey_app.versions.service import form_of, load_text

from . import bare_app, load_form
from .env import FORM_FILE, make_app, postgres_url, server_version, sqlite_url
from .load_client import Answers
from .load_measure import Target, Window, combine, measure, ratio
from .load_seed import fill
from .load_server import Server, gunicorn, postmaster_pid

Log = Callable[[str], None]
OUT_DIR = Path(__file__).resolve().parent / "out"
POOL = 300  # distinct respondents per layout, cycled
LAYOUTS = {"35/65": load_form.FORM_ID, "tna-asn": "tna-asn"}
STORED_CONCURRENCY = 8


@dataclass(frozen=True)
class LoadProfile:
    levels: tuple[int, ...]
    window: Window
    repeats: int
    stored: int  # responses in the "full" campaign; 0 = no flatness runs
    stored_repeats: int = 3  # of the full campaign (the empty one gets one more)


LOAD_PROFILES = {
    "quick": LoadProfile((1, 8, 32, 128), Window(2.0, 5.0), 1, 0),
    "default": LoadProfile((1, 8, 32, 128), Window(3.0, 8.0), 1, 0),
    "full": LoadProfile((1, 8, 32, 128), Window(3.0, 10.0), 3, 1_000_000),
}


def _load_forms() -> None:
    load_text(load_form.form_yaml(), "bench-load.yaml")
    load_text(FORM_FILE.read_text(encoding="utf-8"), FORM_FILE.name)


def _campaign(form_id: str, slug: str) -> Campaign:
    campaign = create_campaign(CampaignSettings(form_id=form_id, slug=slug))
    db.session.commit()
    return campaign


def pool(form: Form, size: int = POOL, seed: int = 1) -> list[tuple[Answers, int]]:
    """Synthetic respondents: form fields of each shown page, and how many pages.

    A page with same-page follow-ups also posts what its script would (``REVEALED_FIELD``:
    the live questions it showed), as a browser with JavaScript does.
    """
    rng, respondents = random.Random(seed), []
    for _ in range(size):
        answers = fake_answers(form, rng)
        shown = navigation.shown_pages(form, answers)
        fields: Answers = {index: _revealed(form, index, answers) for index in shown}
        for index in shown:
            for question in form.sections[index].questions:
                fields[index].update(question.as_form_values(answers.get(question.name)))
        respondents.append((fields, len(shown)))
    return respondents


def _revealed(form: Form, index: int, answers: dict[str, Any]) -> dict[str, list[str]]:
    section = form.sections[index]
    live = live_questions(form, section)
    names = [
        q.name for q in section.questions if q.name in live and form.question_shown(q, answers)
    ]
    return {REVEALED_FIELD: [" ".join(names)]} if names else {}


def prepare(url: str) -> dict[str, Any]:
    """Migrated database, the two forms, one campaign per layout, the respondent pools."""
    app = make_app(url)
    with app.app_context():
        _load_forms()
        setup: dict[str, Any] = {"server": server_version(), "layouts": {}}
        for layout, form_id in LAYOUTS.items():
            campaign = _campaign(form_id, _slug(layout))
            setup["layouts"][layout] = pool(form_of(campaign.version))
        db.engine.dispose()
    bare_app.create_table(url)
    return setup


def _slug(layout: str, prefix: str = "load") -> str:
    return f"{prefix}-{layout.replace('/', '-')}"


def _environment(url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_hex(32),
        "SURVEY_APP_DRAFT_LIMIT": str(10**9),  # every respondent comes from 127.0.0.1
    }


@dataclass(frozen=True)
class Context:
    name: str  # of the backend
    url: str
    servers: dict[str, Server]  # "app", "bare"
    database: int | None  # PostgreSQL's postmaster, whose CPU is reported too
    profile: LoadProfile
    log: Log


def run_backend(name: str, url: str, profile: LoadProfile, log: Log) -> dict[str, Any]:
    setup = prepare(url)
    database = postmaster_pid(sa.make_url(url).port or 0) if url.startswith("postgres") else None
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    logfile, env = OUT_DIR / f"load-{name}.log", _environment(url)
    with (
        gunicorn("bench.load_app:app", env, logfile) as app_server,
        gunicorn("bench.bare_app:app", env, logfile) as bare_server,
    ):
        context = Context(
            name, url, {"app": app_server, "bare": bare_server}, database, profile, log
        )
        result: dict[str, Any] = {"server": setup["server"], "layouts": {}}
        for layout, respondents in setup["layouts"].items():
            levels = _levels(context, layout, respondents)
            result["layouts"][layout] = {**levels, "stored": stored_check(url, layout, levels)}
        if profile.stored:
            result["flat"] = flatness(context)
    return result


def _levels(
    context: Context, layout: str, respondents: list[tuple[Answers, int]]
) -> dict[str, Any]:
    servers, database = context.servers, context.database
    targets = {
        "app": Target(servers["app"], _slug(layout), respondents, False, database),
        "bare": Target(servers["bare"], _slug(layout, "bare"), respondents, True, database),
    }
    out: dict[str, Any] = {"levels": {}}
    for level in context.profile.levels:
        runs: dict[str, list[dict[str, Any]]] = {"app": [], "bare": []}
        for repeat in range(context.profile.repeats):
            for kind in ("app", "bare") if repeat % 2 == 0 else ("bare", "app"):
                context.log(f"{context.name} {layout}: {kind}, {level} concurrent, #{repeat + 1}")
                runs[kind].append(measure(targets[kind], level, context.profile.window))
        app, bare = combine(runs["app"]), combine(runs["bare"])
        ratios = {key: ratio(app, bare, key) for key in ("server_cpu_ms", "completed_per_s")}
        out["levels"][str(level)] = {"app": app, "bare": bare, "ratios": ratios}
    return out


def stored_check(url: str, layout: str, result: dict[str, Any]) -> dict[str, Any]:
    """Responses in the database against responses acknowledged, app and baseline."""
    levels = result["levels"].values()
    acknowledged = {k: sum(level[k]["acknowledged"] for level in levels) for k in ("app", "bare")}
    bare = sa.select(sa.func.count()).where(bare_app.TABLE.c.slug == _slug(layout, "bare"))
    stored = {"app": _count(url, _responses(_slug(layout))), "bare": _count(url, bare)}
    return {"acknowledged": acknowledged, "stored": stored, "ok": stored == acknowledged}


def _count(url: str, statement: sa.Select[Any]) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        count = int(connection.scalar(statement) or 0)
    engine.dispose()
    return count


def _responses(slug: str) -> sa.Select[Any]:
    return (
        sa.select(sa.func.count())
        .select_from(Response)
        .join(Campaign, Campaign.id == Response.campaign_id)
        .where(Campaign.slug == slug)
    )


def flatness(context: Context) -> dict[str, Any]:
    """A campaign holding ``stored`` responses next to an empty one, measured alternately."""
    stored, log = context.profile.stored, context.log
    with make_app(context.url).app_context():
        empty = _campaign(load_form.FORM_ID, "flat-empty")
        full = _campaign(load_form.FORM_ID, "flat-full")
        respondents = pool(form_of(empty.version), seed=2)
        log(f"{context.name}: filling campaign flat-full with {stored:,} responses")
        seconds = fill(full, form_of(full.version), stored)
        db.engine.dispose()
    server, database = context.servers["app"], context.database
    runs: dict[str, list[dict[str, Any]]] = {"empty": [], "full": []}
    for kind in ["empty", *(["full", "empty"] * context.profile.stored_repeats)]:
        log(f"{context.name}: campaign flat-{kind}, {STORED_CONCURRENCY} concurrent")
        target = Target(server, f"flat-{kind}", respondents, False, database)
        runs[kind].append(measure(target, STORED_CONCURRENCY, context.profile.window))
    combined = {kind: combine(found) for kind, found in runs.items()}
    acknowledged = {kind: combined[kind]["acknowledged"] for kind in combined}
    found = {kind: _count(context.url, _responses(f"flat-{kind}")) for kind in combined}
    found["full"] -= stored
    return {
        "stored": stored,
        "fill_s": seconds,
        **combined,
        "stored_check": {
            "acknowledged": acknowledged,
            "stored": found,
            "ok": found == acknowledged,
        },
        "ratio_completed_per_s": ratio(combined["full"], combined["empty"], "completed_per_s"),
        "ratio_server_cpu_ms": ratio(combined["full"], combined["empty"], "server_cpu_ms"),
    }


def load_bench(profile_name: str, with_postgres: bool, log: Log) -> dict[str, Any]:
    """Every backend; ``profile_name`` is the run's (quick, default, full)."""
    profile = LOAD_PROFILES[profile_name]
    results: dict[str, Any] = {}
    with sqlite_url() as url:
        results["sqlite"] = run_backend("sqlite", url, profile, log)
    if not with_postgres:
        return results
    with postgres_url() as url:
        if url is None:
            log("load: PostgreSQL skipped (no binaries)")
        else:
            results["postgresql"] = run_backend("postgresql", url, profile, log)
    return results
