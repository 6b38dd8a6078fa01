"""A JP statement as PDF, with WeasyPrint, like the policy draft.

The same in-process renderer as ``policy/pdf.py`` (which sits above this package, so it
is not imported): the statement's HTML has no external assets, and the fetcher refuses
every URL, so rendering reaches neither the network nor the file system.
"""

from __future__ import annotations

from typing import Any, NoReturn

#: The printed page: A4, page numbers, plain tables. A stylesheet given to WeasyPrint,
#: not a ``<style>`` element: the templates carry no inline style (strict CSP test).
CSS = """
@page { size: A4; margin: 2cm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #111; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; }
.num { text-align: right; }
.hint { color: #555; }
"""


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are not installed."""


def html_to_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(str(exc)) from None
    document = weasyprint.HTML(string=html, url_fetcher=_refuse)
    style = weasyprint.CSS(string=CSS, url_fetcher=_refuse)
    return document.write_pdf(stylesheets=[style])  # type: ignore[no-any-return]


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"a JP statement loads no external resources ({url[:60]})")
