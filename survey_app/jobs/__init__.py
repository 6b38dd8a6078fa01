"""Background export jobs: large files built in a thread, kept in the database in chunks,
offered on a status page any app process can serve."""

from .blueprint import bp

__all__ = ["bp"]
