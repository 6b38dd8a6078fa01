"""The one exception of the expression language."""

from __future__ import annotations


class ExpressionError(ValueError):
    """Bad expression; ``column`` is the 1-based column in the expression text (1 if unknown)."""

    message: str
    column: int

    def __init__(self, message: str, column: int = 1) -> None:
        self.message = message
        self.column = max(column, 1)
        super().__init__(f"{message} (column {self.column})")
