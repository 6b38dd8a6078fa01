"""What a question means to the policy draft, declared with ``role:`` instead of a name.

The training evaluation finds its relevance, reaction and transfer items the same way.
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
    "training_relevance",
    "training_reaction",
    "training_applied",
    "mentoring_participation",
    "mentoring_evaluation",
]
ROLES: Final = get_args(Role)
#: The roles the policy draft reads from a needs survey (the others: evaluation forms).
DRAFT_ROLES: Final = ROLES[:6]
#: The question types that can carry each role: what the draft counts must fit.
ROLE_TYPES: Final[dict[str, frozenset[str]]] = {
    "development_forms": frozenset({"select_multiple"}),
    "training_hours": frozenset({"integer", "decimal"}),
    "mentoring_benefit": frozenset({"select_one", "likert"}),
    "wants_mentoring": frozenset({"select_one", "likert"}),
    "mentoring_mode": frozenset({"select_one"}),
    "willing_to_mentor": frozenset({"select_one", "likert"}),
    "training_relevance": frozenset({"likert"}),
    "training_reaction": frozenset({"likert"}),
    "training_applied": frozenset({"likert"}),
    "mentoring_participation": frozenset({"select_one"}),
    "mentoring_evaluation": frozenset({"likert"}),
}
#: Roles several questions may carry (each is one row of a list); every other role
#: names one question.
MULTI_ROLES: Final = frozenset({"training_reaction", "mentoring_evaluation"})
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
