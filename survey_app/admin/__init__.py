"""The admin console: users, the audit log (questionnaires and campaigns follow)."""

from .blueprint import bp

__all__ = ["bp"]
