"""``flask user create|list|deactivate|reset-password|ensure-admin``."""

from __future__ import annotations

import sys

import click
import sqlalchemy as sa

from ..extensions import db
from .models import Role, User, UserRole
from .service import (
    AccountError,
    create_user,
    deactivate,
    find_user,
    one_time_password,
    set_password,
)

user_cli = click.Group("user", help="Staff accounts.")

ROLE = click.Choice([role.value for role in Role])


@user_cli.command("create")
@click.option("--email", required=True)
@click.option("--role", "roles", type=ROLE, multiple=True, required=True, help="repeat for several")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
def create(email: str, roles: tuple[str, ...], password_stdin: bool) -> None:
    """Create a staff user; without --password-stdin a one-time password is printed."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else one_time_password(email)
    try:
        user = create_user(email, {Role(r) for r in roles}, password, one_time=not password_stdin)
    except AccountError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"created {user.email} ({', '.join(sorted(roles))})")
    if not password_stdin:
        click.echo(f"one-time password: {password}  (to be changed at first login)")


@user_cli.command("list")
def list_() -> None:
    for user in db.session.scalars(sa.select(User).order_by(User.email)):
        state = "active" if user.active else "deactivated"
        click.echo(f"{user.email}\t{','.join(sorted(user.roles))}\t{state}")


@user_cli.command("deactivate")
@click.argument("email")
def deactivate_(email: str) -> None:
    """Block logins and end the user's sessions; their records (focus groups, audit) stay."""
    deactivate(_existing(email))
    db.session.commit()
    click.echo(f"deactivated {email}")


@user_cli.command("reset-password")
@click.argument("email")
def reset_password(email: str) -> None:
    """Print a new one-time password; the user's sessions end."""
    user = _existing(email)
    password = one_time_password(user.email)
    set_password(user, password, one_time=True)
    db.session.commit()
    click.echo(f"one-time password for {email}: {password}  (to be changed at first login)")


@user_cli.command("ensure-admin")
@click.option("--email", default="admin@survey.local", show_default=True)
@click.option("--login-url", default="http://127.0.0.1:5000/staff/login", show_default=True)
def ensure_admin(email: str, login_url: str) -> None:
    """Create a first admin with a one-time password, unless an active admin exists."""
    admins = (
        sa.select(User).join(UserRole).where(UserRole.role == Role.ADMIN, User.active.is_(True))
    )
    if db.session.scalars(admins).first() is not None:
        click.echo(
            f"  Staff login: {login_url} (an admin exists; `flask user reset-password EMAIL`)"
        )
        return
    password = one_time_password(email)
    try:
        create_user(email, {Role.ADMIN}, password)
    except AccountError as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc}; choose another --email, or reactivate it") from None
    db.session.commit()
    click.echo(f"  Staff login: {login_url}\n  e-mail {email}, one-time password {password}")


def _existing(email: str) -> User:
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with e-mail {email}")
    return user
