"""Invitation codes and resume codes: single use, hashed, rate-limited, never linked."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from survey_app.campaigns.models import Access, Invitation
from survey_app.codes import code_hash
from survey_app.extensions import db
from survey_app.respond.models import Draft, Response

from .respondent import MINI_PAGES, Respondent, complete_mini


def count(model: type) -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def test_a_token_campaign_needs_a_valid_code(make_campaign, make_invitations, respondent):
    campaign = make_campaign(access=Access.TOKEN)
    make_invitations(campaign, 2)
    body = respondent.get("/s/c1/").get_data(as_text=True)
    assert 'name="code"' in body
    response = respondent.post("/s/c1/start", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert response.status_code == 422
    assert "tidak berlaku" in response.get_data(as_text=True)
    assert count(Draft) == 0


def test_an_invitation_works_once_and_leaves_no_trace(make_campaign, make_invitations, client, app):
    campaign = make_campaign(access=Access.TOKEN)
    [code] = make_invitations(campaign, 1)
    first = Respondent(client)
    assert complete_mini(first, "c1", code.lower().replace("-", " ")).status_code == 302
    [invitation] = db.session.scalars(sa.select(Invitation))
    db.session.refresh(invitation)
    assert invitation.used is True
    assert invitation.code_hash == code_hash(code) and code not in str(invitation.__dict__)

    second = Respondent(app.test_client())
    response = second.start("c1", code)
    assert response.status_code == 422
    assert "sudah digunakan" in response.get_data(as_text=True)
    assert count(Response) == 1


def test_an_invitation_link_fills_in_the_code(make_campaign, make_invitations, respondent):
    campaign = make_campaign(access=Access.TOKEN)
    [code] = make_invitations(campaign, 1)
    body = respondent.get(f"/s/c1/?code={code}").get_data(as_text=True)
    assert f'value="{code}"' in body


def test_two_drafts_on_one_invitation_store_one_response(make_campaign, make_invitations, app):
    campaign = make_campaign(access=Access.TOKEN)
    [code] = make_invitations(campaign, 1)
    phone, laptop = Respondent(app.test_client()), Respondent(app.test_client())
    for person in (phone, laptop):
        person.start("c1", code)
        for page, answers in enumerate(MINI_PAGES):
            person.page("c1", page, answers)
    assert phone.submit("c1").location.endswith("/thanks")
    refused = laptop.submit("c1")
    assert refused.status_code == 409
    assert "sudah digunakan" in refused.get_data(as_text=True)
    assert count(Response) == 1


def test_wrong_codes_are_rate_limited_but_a_valid_code_still_works(
    make_campaign, make_invitations, respondent, app
):
    """One office behind one address: a colleague's typos must not block a valid code."""
    app.config["SURVEY_APP_CODE_ATTEMPTS"] = 3
    campaign = make_campaign(access=Access.TOKEN)
    [code] = make_invitations(campaign, 1)
    respondent.get("/s/c1/")
    statuses = [
        respondent.post("/s/c1/start", {"code": f"WRNG-{i:04d}-AAAA-BBBB"}).status_code
        for i in range(4)
    ]
    assert statuses == [422, 422, 422, 429]
    locked = respondent.post("/s/c1/start", {"code": "WRNG-9999-AAAA-BBBB"})
    assert locked.status_code == 429
    assert "Terlalu banyak" in locked.get_data(as_text=True)
    colleague = Respondent(app.test_client())  # same address (127.0.0.1)
    assert colleague.start("c1", code).location.endswith("/s/c1/p/0")
    link = Respondent(app.test_client())  # the invitation link, on a second device
    link.get(f"/s/c1/?code={code}")
    assert link.post("/s/c1/start", {"code": code}).location.endswith("/s/c1/p/0")
    assert count(Draft) == 2


def test_save_and_resume_on_another_device(make_campaign, app):
    make_campaign()
    phone = Respondent(app.test_client())
    phone.start("c1")
    phone.page("c1", 0, MINI_PAGES[0])
    saved = phone.page("c1", 1, MINI_PAGES[1], action="save")
    body = saved.get_data(as_text=True)
    code = body.split('<p class="code-display"')[1].split("<strong>")[1].split("</strong>")[0]
    [draft] = db.session.scalars(sa.select(Draft))
    db.session.refresh(draft)
    assert draft.resume_code_hash == code_hash(code)
    assert code not in str(draft.answers)

    laptop = Respondent(app.test_client())
    laptop.get("/s/c1/resume")
    assert laptop.post("/s/c1/resume", {"code": code}).location.endswith("/s/c1/p/1")
    assert 'value="pns" checked' in laptop.get("/s/c1/p/0").get_data(as_text=True)
    laptop.page("c1", 2, MINI_PAGES[2])
    assert laptop.submit("c1").location.endswith("/thanks")
    assert count(Response) == 1 and count(Draft) == 0


def test_an_expired_resume_code_is_refused(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    saved = respondent.page("c1", 0, MINI_PAGES[0], action="save").get_data(as_text=True)
    code = saved.split("<strong>")[1].split("</strong>")[0]
    [draft] = db.session.scalars(sa.select(Draft))
    draft.expires_on = dt.date.today() - dt.timedelta(days=1)
    db.session.commit()
    other = Respondent(respondent.client.application.test_client())
    other.get("/s/c1/resume")
    response = other.post("/s/c1/resume", {"code": code})
    assert response.status_code == 422
    assert "tidak berlaku" in response.get_data(as_text=True)


def test_saving_again_replaces_the_resume_code(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    first = respondent.page("c1", 0, MINI_PAGES[0], action="save").get_data(as_text=True)
    second = respondent.page("c1", 0, MINI_PAGES[0], action="save").get_data(as_text=True)
    old = first.split("<strong>")[1].split("</strong>")[0]
    new = second.split("<strong>")[1].split("</strong>")[0]
    assert old != new
    [draft] = db.session.scalars(sa.select(Draft))
    db.session.refresh(draft)
    assert draft.resume_code_hash == code_hash(new)
