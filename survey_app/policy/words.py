"""``_``: Flask-Babel's gettext, typed as returning ``str`` for the draft's prose."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext


def _(message: str, **variables: Any) -> str:
    return str(gettext(message, **variables))
