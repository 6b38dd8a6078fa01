"""Question types. Importing this package registers every built-in type."""

from . import choice, note, number, retrospective, scale, textual
from .base import Answer, AnswerError, Question, RawAnswers
from .registry import QUESTION_TYPES

__all__ = [
    "QUESTION_TYPES",
    "Answer",
    "AnswerError",
    "Question",
    "RawAnswers",
    "choice",
    "note",
    "number",
    "retrospective",
    "scale",
    "textual",
]
