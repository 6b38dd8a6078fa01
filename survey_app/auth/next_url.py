"""Where to go after login: a path on this site, never an open redirect. No Flask.

A browser reading a ``Location`` strips tabs and line breaks anywhere, strips leading
and trailing spaces, and reads a backslash as a slash, so ``/<TAB>/evil.example`` and
``/\\evil.example`` lead off-site although they start with one slash. A proxy or a
second redirect may also decode ``%2f`` or map a full-width solidus to ``/``. So a
``next`` is accepted only if it is printable ASCII and every reading of it (as given,
percent-decoded, NFKC-normalised) is a plain path: one leading ``/``, no scheme, no
host, no backslash, and no control, format or whitespace character anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

#: Longer targets are not ours: our own paths are far shorter.
MAX_LENGTH = 2048
#: What a target we generate consists of (percent-encoded): ``!`` to ``~``.
_PRINTABLE_ASCII = re.compile(r"[!-~]+")
#: Percent-decoding rounds; a target still changing after them keeps its ``%`` escapes.
_DECODE_ROUNDS = 3


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site (``/staff/…``), else ``None``."""
    if not target or len(target) > MAX_LENGTH or not _PRINTABLE_ASCII.fullmatch(target):
        return None
    return target if all(_is_local_path(reading) for reading in _readings(target)) else None


def next_for(script_root: str, path: str, query_string: bytes) -> str | None:
    """The ``next`` for the page being asked for (its decoded ``path`` and raw query),
    or ``None`` if it would not pass :func:`safe_next` (then login goes to the home)."""
    query = query_string.decode("latin-1")
    target = quote(script_root + path) + (f"?{query}" if query else "")
    return safe_next(target)


def _readings(target: str) -> list[str]:
    """``target`` as given, decoded round by round until stable, and NFKC-normalised."""
    readings = [target]
    for _ in range(_DECODE_ROUNDS):
        decoded = unquote(readings[-1])
        if decoded == readings[-1]:
            break
        readings.append(decoded)
    readings.append(unicodedata.normalize("NFKC", readings[-1]))
    return readings


def _is_local_path(reading: str) -> bool:
    if not reading.startswith("/") or reading.startswith("//") or "\\" in reading:
        return False
    if any(unicodedata.category(char)[0] in "CZ" for char in reading):
        return False  # controls, format characters (bidi, zero-width), whitespace
    parts = urlsplit(reading)
    return not parts.scheme and not parts.netloc
