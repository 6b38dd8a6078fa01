"""Helpers for the focus-group tests: a draft session of a logged-in facilitator, posts,
and the two-step finalize (review, then confirm on the summary page)."""

from __future__ import annotations

import re
from typing import Any

from survey_app.extensions import db
from survey_app.fgd.models import FgdSession
from survey_app.versions.service import load_text

from .conftest import form_text

FINGERPRINT = re.compile(r'name="fingerprint" value="([0-9a-f]+)"')


def open_session(make_campaign, make_user, login, app, form: str = "") -> tuple[Any, int]:
    """A campaign, the FGD form (or the session form ``form``, its text), a logged-in
    facilitator and one draft session."""
    campaign = make_campaign(form="tna-asn.yaml", slug="akpk")
    version = load_text(form or form_text("fgd-karier.yaml"), "fgd-karier.yaml").version
    db.session.commit()
    make_user("f1@medan.go.id", "facilitator")
    facilitator = login(app.test_client(), "f1@medan.go.id")
    facilitator.get("/staff/fgd/")
    created = facilitator.post(
        "/staff/fgd/new",
        {"campaign_id": campaign.id, "version_id": version.id, "title": "FGD Medan Kota"},
    )
    assert created.status_code == 302
    session_id = int(created.location.rsplit("/", 1)[1])
    facilitator.get(f"/staff/fgd/{session_id}")
    return facilitator, session_id


def stored(session_id: int) -> FgdSession:
    db.session.expire_all()
    return db.session.get(FgdSession, session_id)


def post(staff, session_id: int, data: dict[str, Any], action: str = "save", url: str = ""):
    response = staff.post(url or f"/staff/fgd/{session_id}", {**data, "action": action})
    staff.get(f"/staff/fgd/{session_id}")
    return response


def finalize(staff, session_id: int, data: dict[str, Any]):
    """Review and finalize, then confirm on the summary page; the last response."""
    review = post(staff, session_id, data, action="finalize")
    if review.status_code != 303:
        return review
    summary = staff.get(f"/staff/fgd/{session_id}/finalize").get_data(as_text=True)
    [fingerprint] = FINGERPRINT.findall(summary)[:1]
    return staff.post(f"/staff/fgd/{session_id}/finalize", {"fingerprint": fingerprint})
