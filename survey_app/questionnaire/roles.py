"""What a question means to the policy draft, declared with ``role:`` instead of a name.

The draft finds "preferred development forms", "lesson hours in the last 12 months" and
the mentoring questions by role, so any questionnaire that declares them gets those
sections, whatever it calls its questions (docs/questionnaire-format.md, "Roles").
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Role = Literal[
    "development_forms",
    "training_hours",
    "mentoring_benefit",
    "wants_mentoring",
    "mentoring_mode",
    "willing_to_mentor",
]
ROLES: Final = get_args(Role)
#: The question types that can carry each role: what the draft counts must fit.
ROLE_TYPES: Final[dict[str, frozenset[str]]] = {
    "development_forms": frozenset({"select_multiple"}),
    "training_hours": frozenset({"integer", "decimal"}),
    "mentoring_benefit": frozenset({"select_one", "likert"}),
    "wants_mentoring": frozenset({"select_one", "likert"}),
    "mentoring_mode": frozenset({"select_one"}),
    "willing_to_mentor": frozenset({"select_one", "likert"}),
}
#: The mentoring section's questions, in the order the draft shows them.
MENTORING_ROLES: Final = (
    "mentoring_benefit",
    "wants_mentoring",
    "mentoring_mode",
    "willing_to_mentor",
)


def role_problem(role: str, question_type: str) -> str | None:
    """Why a question of ``question_type`` cannot carry ``role``; ``None`` when it can."""
    allowed = ROLE_TYPES[role]
    if question_type in allowed:
        return None
    return f"role '{role}' needs a question of type {' or '.join(sorted(allowed))}"
