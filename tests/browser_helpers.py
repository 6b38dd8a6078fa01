"""Clicking a button that submits a form, and waiting for the page it leads to.

Playwright's ``click`` returns once the click is dispatched; without JavaScript the
next page arrives later, and a test that reads or fills the page at once may act on
the old one (CI once answered page 2 twice and posted page 3 empty). Every click that
submits a form goes through :func:`submit`, which returns when the new page has loaded.
"""

from __future__ import annotations

from typing import Any


def submit(button: Any) -> None:
    """Click ``button`` (a Playwright locator) and wait until the next page has loaded."""
    with button.page.expect_navigation(wait_until="load"):
        button.click()
