"""Benchmark 10: national scale, 5,000,000 responses on PostgreSQL (issue 15, section 3).

The analysis benchmark's questionnaire (30 competency items, 10 report groups), one
campaign filled by ``load_seed.fill`` (100,000 generated responses, the rest copies
under new ids), then:

- the size of the response table and its indexes (bytes per million responses);
- the priority report end to end in a fresh process (``bench.analysis_child``: read,
  statistics, subgroups), with its peak RSS: target 2.5 minutes and 4 GB.

Only with ``--only national``: a run takes about half an hour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from survey_app.campaigns.service import CampaignSettings, create_campaign
from survey_app.extensions import db
from survey_app.versions.service import form_of, load_text

from .analysis import Plan, run_child, slug
from .analysis_form import FORM_ID, checked_form, form_yaml
from .env import make_app, postgres_url, server_version
from .load_seed import fill

Log = Callable[[str], None]
SIZES = {"quick": 300_000, "default": 5_000_000, "full": 5_000_000}
GENERATED = 100_000
TARGET_SECONDS, TARGET_RSS_MIB = 150.0, 4096.0
SIZE_QUERY = """
SELECT pg_relation_size('response') AS heap,
       pg_total_relation_size('response') - pg_relation_size('response')
         - pg_indexes_size('response') AS toast,
       pg_indexes_size('response') AS indexes,
       pg_total_relation_size('response') AS total,
       pg_database_size(current_database()) AS database
"""


def seed(url: str, n: int, log: Log) -> dict[str, Any]:
    """The campaign ``slug(n)`` with ``n`` responses; sizes after VACUUM ANALYZE."""
    with make_app(url).app_context():
        text = form_yaml()
        checked_form(text)
        load_text(text, "bench-analysis.yaml")
        campaign = create_campaign(CampaignSettings(form_id=FORM_ID, slug=slug(n)))
        db.session.commit()
        log(f"national: filling {n:,} responses ({GENERATED:,} generated, the rest copied)")
        seconds = fill(campaign, form_of(campaign.version), n, GENERATED)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE response"))
            sizes = dict(conn.execute(sa.text(SIZE_QUERY)).mappings().one())
        server = server_version()
        db.engine.dispose()
    per_million = {key: value * 1_000_000 / n for key, value in sizes.items()}
    return {"server": server, "fill_s": seconds, "bytes": sizes, "bytes_per_million": per_million}


def national_bench(profile: str, log: Log) -> dict[str, Any]:
    n = SIZES[profile]
    with postgres_url() as url:
        if url is None:
            log("national: PostgreSQL skipped (no binaries)")
            return {}
        seeded = seed(url, n, log)
        log(f"national: the priority report of {n:,} responses in a fresh process")
        report = run_child(url, n, Plan(2, 0, 1, 0), 0)
    total = report["report_s"]["total"]["median"]
    rss = report["rss_mib"]["report"]
    return {
        "n": n,
        **seeded,
        "report": report,
        "targets": {
            "seconds": {"value": total, "ok": total <= TARGET_SECONDS},
            "rss_mib": {"value": rss, "ok": rss <= TARGET_RSS_MIB},
        },
    }


def render_national(result: dict[str, Any]) -> str:
    if not result:
        return "\n10. National scale: not measured (no PostgreSQL)"
    report, per_million = result["report"], result["bytes_per_million"]
    phases = ", ".join(
        f"{phase} {report['report_s'][phase]['median']:.1f} s"
        for phase in ("read", "stats", "groups")
    )
    checks = result["targets"]
    return "\n".join(
        [
            f"\n10. National scale: {result['n']:,} responses, {result['server']}",
            f"  filled in {result['fill_s']:.0f} s; response table "
            f"{result['bytes']['total'] / 2**30:.2f} GiB "
            f"({per_million['total'] / 2**20:.0f} MiB per million: heap "
            f"{per_million['heap'] / 2**20:.0f}, TOAST {per_million['toast'] / 2**20:.0f}, "
            f"indexes {per_million['indexes'] / 2**20:.0f})",
            f"  priority report: {report['report_s']['total']['median']:.1f} s ({phases}); "
            f"first run {report['first_run_s']['total']:.1f} s; peak RSS "
            f"{report['rss_mib']['report']:,.0f} MiB",
            f"   <= {TARGET_SECONDS:g} s: {'ok' if checks['seconds']['ok'] else 'MISSED'}; "
            f"<= {TARGET_RSS_MIB / 1024:g} GiB: {'ok' if checks['rss_mib']['ok'] else 'MISSED'}",
        ]
    )
