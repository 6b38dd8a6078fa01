"""How many password guesses an account gets; see docs/architecture.md, "Lock-outs".

- Per account and client address: ``SURVEY_APP_LOGIN_ATTEMPTS`` a window, so a
  colleague's typos in the same office (one NAT address) never lock *another* account.
- Per account from anywhere: ``SURVEY_APP_LOGIN_ACCOUNT_ATTEMPTS``, higher, against
  guesses spread over many addresses. An address that is over its own limit adds
  nothing to it, so one address cannot lock an account for everyone.

An attempt is counted *before* the password is checked (one atomic statement), so
parallel guesses cannot exceed the limits; a correct password takes its count back.
"""

from __future__ import annotations

from .. import ratelimit


class LockedOut(Exception):
    """Too many failed attempts for this account in this window."""


def _pair_limit() -> ratelimit.Limit:
    return ratelimit.Limit.from_config("SURVEY_APP_LOGIN")


def _account_limit() -> ratelimit.Limit:
    return ratelimit.Limit.from_config("SURVEY_APP_LOGIN", "ACCOUNT_ATTEMPTS")


def _buckets(email: str) -> tuple[str, str]:
    account = f"login:{email.strip().lower()}"
    return ratelimit.bucket(account, ratelimit.client_address()), ratelimit.bucket(account)


def take_attempt(email: str) -> None:
    """Count one attempt for this account; raises LockedOut when a limit is passed."""
    pair, account = _buckets(email)
    pair_limit, account_limit = _pair_limit(), _account_limit()
    if ratelimit.count(pair, pair_limit) > pair_limit.attempts:
        raise LockedOut
    if ratelimit.count(account, account_limit) > account_limit.attempts:
        raise LockedOut


def succeeded(email: str) -> None:
    """The password was right: this address starts afresh, the account gets its count back."""
    pair, account = _buckets(email)
    ratelimit.clear(pair)
    ratelimit.refund(account, _account_limit())


def window_minutes() -> int:
    return _pair_limit().minutes
