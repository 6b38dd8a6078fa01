"""The policy draft: the consultation's results as an editable DOCX, printable HTML or PDF,
with focus-group quotes only as a drafter selected and screened them."""

from .blueprint import bp

__all__ = ["bp"]
