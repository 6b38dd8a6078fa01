"""Whether a staff password is strong enough, and if not, why. Pure: no Flask.

Rules, in order: long enough; not containing the e-mail's local part; not a common
password; and rated at least ``min_score`` (0-4) by zxcvbn, Dropbox's strength
estimator, which knows common passwords, names, words, keyboard patterns, dates,
and the user's own e-mail and organisation (``user_inputs``).
"""

from __future__ import annotations

import enum
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zxcvbn import zxcvbn

if TYPE_CHECKING:
    from zxcvbn.matching import _Match

#: zxcvbn's own bound: it refuses longer input, and its time grows with the length.
ESTIMATED_CHARS = 72
#: A local part shorter than this ("a@…") is not looked for inside the password.
SHORTEST_LOCAL_PART = 3

#: zxcvbn keeps the user inputs in a module-global dictionary: one call at a time.
_zxcvbn_lock = threading.Lock()


class Weakness(enum.StrEnum):
    TOO_SHORT = "too_short"
    CONTAINS_EMAIL = "contains_email"
    COMMON = "common"
    PERSONAL = "personal"
    PATTERN = "pattern"
    DATE = "date"
    GUESSABLE = "guessable"


#: English explanations for the command line; the web has translated ones (forms.py).
ENGLISH = {
    Weakness.TOO_SHORT: "the password must have at least {min_length} characters",
    Weakness.CONTAINS_EMAIL: "the password must not contain the name part of the e-mail address",
    Weakness.COMMON: "this password is on a list of commonly used passwords",
    Weakness.PERSONAL: "the password is too easy to guess from the e-mail address "
    "or the organisation's name",
    Weakness.PATTERN: "the password is too easy to guess: keyboard rows, repeated "
    "characters and sequences such as abc or 1234 are tried first",
    Weakness.DATE: "the password is too easy to guess: dates and years are tried first",
    Weakness.GUESSABLE: "the password is too easy to guess: use a longer phrase "
    "of several unrelated words",
}


@dataclass(frozen=True)
class Policy:
    min_length: int
    #: zxcvbn score: 3 = "safely unguessable", resists an online attack and a slow offline one.
    min_score: int = 3


def weakness(password: str, email: str, organisation: str, policy: Policy) -> Weakness | None:
    """The first rule the password breaks, or ``None`` when it is strong enough."""
    if len(password) < policy.min_length:
        return Weakness.TOO_SHORT
    if _contains_local_part(password, email):
        return Weakness.CONTAINS_EMAIL
    estimated = password[:ESTIMATED_CHARS]
    with _zxcvbn_lock:
        result = zxcvbn(estimated, user_inputs=_user_inputs(email, organisation))
    sequence = result["sequence"]
    if any(_is_common(match, estimated) for match in sequence):
        return Weakness.COMMON
    if result["score"] >= policy.min_score:
        return None
    return _reason(sequence)


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _contains_local_part(password: str, email: str) -> bool:
    local = _letters(email.partition("@")[0])
    return len(local) >= SHORTEST_LOCAL_PART and local in _letters(password)


def _user_inputs(email: str, organisation: str) -> list[str]:
    local = email.partition("@")[0]
    words = re.split(r"[\W_]+", f"{local} {organisation}")
    return [email, local, organisation, *(word for word in words if len(word) >= 3)]


def _is_common(match: _Match, password: str) -> bool:
    """The whole password is one entry of zxcvbn's common-password list."""
    return match.get("dictionary_name") == "passwords" and len(match["token"]) == len(password)


def _reason(sequence: list[_Match]) -> Weakness:
    """Why zxcvbn found it weak, from the longest part it could guess."""
    if not sequence:
        return Weakness.GUESSABLE
    longest = max(sequence, key=lambda match: len(match["token"]))
    pattern, dictionary = longest["pattern"], longest.get("dictionary_name")
    if pattern == "dictionary" and dictionary == "user_inputs":
        return Weakness.PERSONAL
    if pattern == "dictionary" and dictionary == "passwords":
        return Weakness.COMMON
    if pattern in ("spatial", "repeat", "sequence"):
        return Weakness.PATTERN
    if pattern in ("date", "regex"):
        return Weakness.DATE
    return Weakness.GUESSABLE


def describe(found: Weakness, policy: Policy) -> str:
    """An English explanation (the command line's)."""
    return ENGLISH[found].format(min_length=policy.min_length)
