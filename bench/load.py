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

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from survey_app.campaigns.models import Campaign
from survey_app.campaigns.service import CampaignSettings, create_campaign
from survey_app.extensions import db
from survey_app.versions.service import form_of, load_text

from . import bare_app, load_form
from .env import FORM_FILE, make_app, postgres_url, server_version, sqlite_url
from .load_client import Answers
from .load_measure import Target, Window, combine, measure, ratio
from .load_seed import count_rows, fill, responses_of
from .load_server import Server, gunicorn, postmaster_pid, wal_position

Log = Callable[[str], None]
OUT_DIR = Path(__file__).resolve().parent / "out"
LAYOUTS = {"35/65": load_form.FORM_ID, "tna-asn": "tna-asn"}
STORED_CONCURRENCY = 8
HEAVY = 128  # concurrency from which a level gets a longer window and one repeat


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


def prepare(url: str) -> dict[str, Any]:
    """Migrated database, the two forms, one campaign per layout, the respondent pools."""
    app = make_app(url)
    with app.app_context():
        _load_forms()
        setup: dict[str, Any] = {"server": server_version(), "layouts": {}}
        for layout, form_id in LAYOUTS.items():
            campaign = _campaign(form_id, _slug(layout))
            setup["layouts"][layout] = load_form.pool(form_of(campaign.version))
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
    wal: Callable[[], int] | None  # PostgreSQL's WAL position (bytes written per response)
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
        wal_position(url) as wal,
    ):
        servers = {"app": app_server, "bare": bare_server}
        context = Context(name, url, servers, database, wal, profile, log)
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
    servers, database, wal = context.servers, context.database, context.wal
    targets = {
        "app": Target(servers["app"], _slug(layout), respondents, False, database, wal),
        "bare": Target(servers["bare"], _slug(layout, "bare"), respondents, True, database, wal),
    }
    out: dict[str, Any] = {"levels": {}}
    for level in context.profile.levels:
        runs: dict[str, list[dict[str, Any]]] = {"app": [], "bare": []}
        window, repeats = _window(context.profile, level)
        for repeat in range(repeats):
            for kind in ("app", "bare") if repeat % 2 == 0 else ("bare", "app"):
                context.log(f"{context.name} {layout}: {kind}, {level} concurrent, #{repeat + 1}")
                runs[kind].append(measure(targets[kind], level, window))
        app, bare = combine(runs["app"]), combine(runs["bare"])
        ratios = {key: ratio(app, bare, key) for key in ("server_cpu_ms", "completed_per_s")}
        out["levels"][str(level)] = {"app": app, "bare": bare, "ratios": ratios}
    return out


def _window(profile: LoadProfile, level: int) -> tuple[Window, int]:
    """Long enough for a respondent to finish inside it, and its repeats.

    At 128 concurrent a response is a dozen requests each queued behind the other
    respondents' (10-20 s on 2 cores): a short window would see no completion at all.
    Such a level runs once per profile: its point is that nothing fails.
    """
    if level < HEAVY:
        return profile.window, profile.repeats
    warmup, seconds = (
        max(profile.window.warmup, level * 0.1),
        max(profile.window.seconds, level * 0.15),
    )
    return Window(warmup, seconds), 1


def stored_check(url: str, layout: str, result: dict[str, Any]) -> dict[str, Any]:
    """Responses in the database against responses acknowledged, app and baseline."""
    levels = result["levels"].values()
    acknowledged = {k: sum(level[k]["acknowledged"] for level in levels) for k in ("app", "bare")}
    bare = sa.select(sa.func.count()).where(bare_app.TABLE.c.slug == _slug(layout, "bare"))
    stored = {"app": count_rows(url, responses_of(_slug(layout))), "bare": count_rows(url, bare)}
    return {"acknowledged": acknowledged, "stored": stored, "ok": stored == acknowledged}


def flatness(context: Context) -> dict[str, Any]:
    """A campaign holding ``stored`` responses next to an empty one, measured alternately."""
    stored, log = context.profile.stored, context.log
    with make_app(context.url).app_context():
        empty = _campaign(load_form.FORM_ID, "flat-empty")
        full = _campaign(load_form.FORM_ID, "flat-full")
        respondents = load_form.pool(form_of(empty.version), seed=2)
        log(f"{context.name}: filling campaign flat-full with {stored:,} responses")
        seconds = fill(full, form_of(full.version), stored)
        db.engine.dispose()
    server, database = context.servers["app"], context.database
    runs: dict[str, list[dict[str, Any]]] = {"empty": [], "full": []}
    for kind in ["empty", *(["full", "empty"] * context.profile.stored_repeats)]:
        log(f"{context.name}: campaign flat-{kind}, {STORED_CONCURRENCY} concurrent")
        target = Target(server, f"flat-{kind}", respondents, False, database, context.wal)
        runs[kind].append(measure(target, STORED_CONCURRENCY, context.profile.window))
    combined = {kind: combine(found) for kind, found in runs.items()}
    acknowledged = {kind: combined[kind]["acknowledged"] for kind in combined}
    found = {kind: count_rows(context.url, responses_of(f"flat-{kind}")) for kind in combined}
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
    """Every backend, PostgreSQL (the targets') first; ``profile_name`` is the run's.

    Each backend's figures are also written to ``bench/out/load-<backend>.json`` as soon
    as they are known, so a later failure does not lose them.
    """
    profile = LOAD_PROFILES[profile_name]
    results: dict[str, Any] = {}
    if with_postgres:
        with postgres_url() as url:
            if url is None:
                log("load: PostgreSQL skipped (no binaries)")
            else:
                results["postgresql"] = _kept(
                    "postgresql", run_backend("postgresql", url, profile, log)
                )
    with sqlite_url() as url:
        results["sqlite"] = _kept("sqlite", run_backend("sqlite", url, profile, log))
    return results


def _kept(name: str, result: dict[str, Any]) -> dict[str, Any]:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / f"load-{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    return result
