"""Cases: intake, assignment with deadlines, evidence, letters, sanctions, publication."""

from cases.models.assignments import Assignment, DeadlineRule
from cases.models.cases import Case
from cases.models.events import CaseEvent
from cases.models.evidence import Evidence, ImmutableEvidenceError
from cases.models.letters import Letter, LetterRegister
from cases.models.publications import Publication
from cases.models.sanctions import SanctionDecision

__all__ = [
    "Assignment",
    "Case",
    "CaseEvent",
    "DeadlineRule",
    "Evidence",
    "ImmutableEvidenceError",
    "Letter",
    "LetterRegister",
    "Publication",
    "SanctionDecision",
]
