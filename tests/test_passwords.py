"""Password rules (issue 10, defect 15): not the e-mail, not common, not guessable
(zxcvbn), with a reason in both languages; generated one-time passwords always pass."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from survey_app.auth.models import User
from survey_app.auth.passwords import Policy, Weakness, weakness
from survey_app.auth.service import one_time_password
from survey_app.extensions import db

from .conftest import STAFF_PASSWORD
from .respondent import Respondent

EMAIL = "budi.santoso@medan.go.id"
ORGANISATION = "BKPSDM Kota Medan"


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("short", Weakness.TOO_SHORT),
        ("budi.santoso@medan.go.id", Weakness.CONTAINS_EMAIL),
        ("Budi_Santoso2026!", Weakness.CONTAINS_EMAIL),
        ("password1234", Weakness.COMMON),
        ("1qaz2wsx3edc", Weakness.COMMON),
        ("BKPSDM Kota Medan", Weakness.PERSONAL),
        ("aaaaaaaaaaaaaaaa", Weakness.PATTERN),
        ("abcdefghijklmnop", Weakness.PATTERN),
        ("qwertyqwertyqwerty", Weakness.PATTERN),
        (STAFF_PASSWORD, None),
        ("lima ekor kucing oranye", None),
        ("Tr0ub4dor&3-xyzzy", None),
        ("x" * 80 + " a very random tail", Weakness.PATTERN),  # judged on 72 characters
    ],
)
def test_weakness_names_the_first_rule_broken(password, expected):
    assert weakness(password, EMAIL, ORGANISATION, Policy(min_length=12)) == expected


@pytest.mark.parametrize("password", ["17-08-1945", "17081945"])
def test_dates_are_named_as_the_reason(password):
    assert weakness(password, EMAIL, ORGANISATION, Policy(min_length=8)) == Weakness.DATE


def test_a_short_local_part_is_not_looked_for():
    """A one-letter local part ("a@…") must not refuse every password with an "a" in it."""
    assert weakness(STAFF_PASSWORD, "a@medan.go.id", ORGANISATION, Policy(12)) is None


def test_one_time_passwords_always_pass(app):
    for email in ("a@medan.go.id", EMAIL, "abc@x.id", "qwerty@x.id"):
        for _ in range(25):
            password = one_time_password(email)
            assert weakness(password, email, ORGANISATION, Policy(12)) is None


def change_to(staff: Respondent, new: str, lang: str = "id") -> str:
    staff.get(f"/staff/password?lang={lang}")
    response = staff.post(
        "/staff/password", {"current": STAFF_PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 422
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("new", "indonesian", "english"),
    [
        ("budi.santoso.2026", "bagian nama dari alamat email", "name part of your e-mail"),
        ("password1234", "daftar kata sandi yang umum", "commonly used passwords"),
        ("aaaaaaaaaaaabbbb", "terlalu mudah ditebak", "too easy to guess"),
    ],
)
def test_the_password_page_says_why_in_both_languages(
    make_user, login, app, new, indonesian, english
):
    user = make_user(EMAIL, "drafter")
    before = user.password_hash
    staff = login(app.test_client(), EMAIL)
    assert indonesian in change_to(staff, new)
    assert english in change_to(staff, new, lang="en")
    db.session.refresh(user)
    assert user.password_hash == before


def test_the_user_cli_refuses_a_weak_password(runner):
    create = ["user", "create", "--role", "admin", "--password-stdin", "--email"]
    weak = runner.invoke(args=[*create, "x@y.id"], input="password1234\n")
    assert weak.exit_code != 0 and "commonly used passwords" in weak.output
    own = runner.invoke(args=[*create, "siti.aminah@y.id"], input="SitiAminah-2026-oke\n")
    assert own.exit_code != 0 and "name part of the e-mail" in own.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_an_admin_created_users_one_time_password_works(make_user, login, app):
    make_user("a@medan.go.id", "admin")
    admin = login(app.test_client(), "a@medan.go.id")
    admin.get("/staff/admin/users")
    shown = admin.post("/staff/admin/users", {"email": "qwerty@medan.go.id", "roles": "drafter"})
    assert shown.status_code == 200
    password = shown.get_data(as_text=True).split("<strong>")[1].split("</strong>")[0].strip()
    fresh = Respondent(app.test_client())
    fresh.get("/staff/login")
    landed = fresh.post("/staff/login", {"email": "qwerty@medan.go.id", "password": password})
    assert landed.status_code == 302
