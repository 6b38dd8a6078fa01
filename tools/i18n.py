"""Keep the Indonesian catalogue in step with the code: extract, merge, fill, compile.

``python tools/i18n.py`` re-extracts every marked string, merges it into
``survey_app/translations/id/LC_MESSAGES/messages.po`` (no fuzzy matching) and compiles.
``python tools/i18n.py FILE.json`` also fills translations from a JSON object
``{"English msgid": "Indonesian msgstr"}`` (plural entries: a list of forms).
The whole run holds an exclusive lock, so parallel edits of the catalogue never collide.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "survey_app" / "translations"
CATALOGUE = TRANSLATIONS / "id" / "LC_MESSAGES" / "messages.po"
TEMPLATE = TRANSLATIONS / "messages.pot"
BABEL = [sys.executable, "-m", "babel.messages.frontend"]


def _pybabel(*args: str) -> None:
    subprocess.run([*BABEL, *args], check=True, cwd=ROOT, capture_output=True)


def sync(fill: dict[str, str | list[str]]) -> list[str]:
    """Extract, merge, fill ``fill`` and compile; return the msgids still untranslated."""
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "N_",
        "--no-location",
        "-o",
        str(TEMPLATE),
        ".",
    )
    _pybabel(
        "update",
        "-i",
        str(TEMPLATE),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in fill:
            message.string = tuple(fill[key]) if isinstance(message.id, tuple) else fill[key]
            message.flags.discard("fuzzy")
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, no_location=True)
    _pybabel("compile", "-d", str(TRANSLATIONS))
    untranslated = [
        str(m.id)
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    # what `pybabel compile` refuses in `make run` (the module form above exits 0 on it)
    broken = [f"{m.id} ({'; '.join(map(str, errors))})" for m, errors in catalog.check()]
    return untranslated + broken


def main() -> int:
    fill = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")) if len(sys.argv) > 1 else {}
    with (ROOT / ".i18n.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        missing = sync(fill)
    for msgid in missing:
        print(f"untranslated or refused: {msgid}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
