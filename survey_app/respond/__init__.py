"""The public, anonymous respondent flow at ``/s/<slug>``."""

from .blueprint import bp

__all__ = ["bp"]
