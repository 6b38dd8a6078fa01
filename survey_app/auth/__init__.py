"""Staff accounts and roles: login, lockout, one-time passwords, access checks."""

from .blueprint import bp

__all__ = ["bp"]
