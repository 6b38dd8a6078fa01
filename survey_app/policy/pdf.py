"""PDF from the printable HTML, with WeasyPrint (in-process; needs Pango from the OS).

WeasyPrint rather than headless Chromium: no browser process to start and supervise per
request, CSS paged media (``@page`` margins, page numbers) that the stylesheet uses, and
the same output on every run. The page has no external assets, and the fetcher refuses
any URL anyway, so rendering never reaches the network or the file system.
"""

from __future__ import annotations

from typing import Any, NoReturn


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are not installed."""


def html_to_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(
            "PDF output needs WeasyPrint and the Pango library "
            "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0); "
            f"it could not be loaded: {exc}. Use --format html and print it, or docx."
        ) from None
    document = weasyprint.HTML(string=html, url_fetcher=_refuse)
    return document.write_pdf()  # type: ignore[no-any-return]


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"the policy draft loads no external resources ({url[:60]})")
