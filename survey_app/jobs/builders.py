"""What each kind of job builds: a file at a path, reporting progress as it goes.

Each builder reads the campaign through the current session (the job's thread has its
own) and returns the file's name and content type. Progress is ``(done, total)``: rows
for the responses, steps for the rest, whose cost is not in a row loop we can watch;
the policy draft names its steps (:mod:`.draft_steps`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..campaigns.models import Campaign
from ..monitoring.service import get_series
from ..policy.draft import build_draft
from ..policy.evaluation_report import build_report
from ..policy.evaluation_report import file_name as report_file_name
from ..policy.render import MIMETYPES as POLICY_MIMETYPES
from ..policy.render import file_name, render_draft
from ..reports.outputs import Output, fgd_output, priorities_output, responses_output
from ..reports.responses import response_count
from . import draft_steps


class Progress(Protocol):
    def __call__(self, done: int, total: int, step: str | None = None) -> None:
        """``done`` of ``total``; ``step``: what is being done, in English (``N_``)."""


Built = tuple[str, str]
Builder = Callable[[Campaign, dict[str, Any], Path, Progress], Built]


def responses(campaign: Campaign, options: dict[str, Any], path: Path, progress: Progress) -> Built:
    total = response_count(campaign)
    progress(0, total)
    output = responses_output(
        campaign,
        options["format"],
        options["headers"] == "labels",
        options["lang"],
        progress=lambda done: progress(done, total),
        unprotected_reason=options.get("unprotected_reason"),
    )
    return _write(output, path)


def priorities(
    campaign: Campaign, options: dict[str, Any], path: Path, progress: Progress
) -> Built:
    progress(0, 2)
    output = priorities_output(campaign, options["format"], options["group"], options["lang"])
    progress(1, 2)
    return _write(output, path)


def fgd(campaign: Campaign, options: dict[str, Any], path: Path, progress: Progress) -> Built:
    progress(0, 2)
    output = fgd_output(campaign, options["format"], options["lang"])
    progress(1, 2)
    return _write(output, path)


def policy(campaign: Campaign, options: dict[str, Any], path: Path, progress: Progress) -> Built:
    """The costly figures first, one named step each (they are remembered), then the
    draft, which finds them computed, then its layout."""
    fmt, language = options["format"], options["lang"]
    steps = draft_steps.figures(campaign, language)
    total = len(steps) + 2
    for done, (name, compute) in enumerate(steps):
        progress(done, total, name)
        compute()
    progress(total - 2, total, draft_steps.WRITING)
    draft = build_draft(campaign, language)
    progress(total - 1, total, draft_steps.LAYOUT)
    path.write_bytes(render_draft(draft, fmt))
    return file_name(campaign, fmt, language), POLICY_MIMETYPES[fmt]


def evaluation(
    campaign: Campaign, options: dict[str, Any], path: Path, progress: Progress
) -> Built:
    """The evaluation report of ``options["series"]`` (``campaign`` is its latest wave)."""
    series = get_series(options["series"])
    if series is None:
        raise LookupError(f"the series {options['series']!r} no longer exists")
    fmt, language, period = options["format"], options["lang"], options["period"]
    progress(0, 2, draft_steps.WRITING)
    report = build_report(series, period, language)
    progress(1, 2, draft_steps.LAYOUT)
    path.write_bytes(render_draft(report, fmt))
    return report_file_name(series, period, fmt, language), POLICY_MIMETYPES[fmt]


def _write(output: Output, path: Path) -> Built:
    """Only the formats built as whole files come here (XLSX, SAV)."""
    if output.build is None:
        raise ValueError(f"{output.filename} is streamed, not built in the background")
    output.build(path)
    return output.filename, output.mimetype


BUILDERS: dict[str, Builder] = {
    "responses": responses,
    "priorities": priorities,
    "fgd": fgd,
    "policy": policy,
    "evaluation": evaluation,
}
