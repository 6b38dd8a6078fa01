"""Focus-group (FGD) sessions: facilitators record them, drafters read the finalized ones."""

from .blueprint import bp

__all__ = ["bp"]
