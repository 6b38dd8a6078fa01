"""The privacy notice of the enrolment page: its version and its retention period.

Each participant records the version they consented to (``notice_version``). Change
``NOTICE_VERSION`` whenever the text of ``templates/mentoring/_notice.html`` changes in
substance. Enrolments imported from CSV record ``paper-YYYYMMDD``: consent was given on
a paper form (holding this notice) collected by the coordinator, on the import date.
"""

from __future__ import annotations

import datetime as dt

NOTICE_VERSION = "2026-12"
#: Months the data is kept after the round ends, then deleted.
RETENTION_MONTHS = 12


def paper_version(on: dt.date) -> str:
    """What an import records as the notice: ``paper-20261207``."""
    return f"paper-{on:%Y%m%d}"
