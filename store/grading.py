"""Grading: where a lead sits on the 2x2, what to do next, and in what order.

A grade at or above the threshold T is *strong*. Intent picks the row
(strong on top), funding the column (strong on the left)::

                 strong funds   weak funds
    strong intent     Q1            Q2
    weak intent       Q3            Q4
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from store.grades import GRADES, Credit

if TYPE_CHECKING:  # the board's order is worked out from stored fields, without leads
    from store.model import Lead

MIN_GRADE, MAX_GRADE = GRADES[0], GRADES[-1]

# (strong intent, strong funds) for each quadrant.
_SIDES = {1: (True, True), 2: (True, False), 3: (False, True), 4: (False, False)}

# Board buckets inside a quadrant, in display order.
OVERDUE, DUE_TODAY, NO_NEXT, UPCOMING = range(4)

_CREDIT_POINTS = {Credit.GOOD: 2, Credit.UNKNOWN: 0, Credit.POOR: -2}


def quadrant_of(intent: int | None, funding: int | None, threshold: int) -> int | None:
    """The quadrant for two grades, or None while either is unknown."""
    if intent is None or funding is None:
        return None
    strong_intent, strong_funds = intent >= threshold, funding >= threshold
    if strong_intent:
        return 1 if strong_funds else 2
    return 3 if strong_funds else 4


def grades_for_quadrant(
    intent: int | None, funding: int | None, quadrant: int, threshold: int
) -> tuple[int, int]:
    """The smallest regrade that lands a lead in ``quadrant``.

    An axis already on the right side keeps its grade; one on the wrong side
    (or unknown) goes to the nearest grade across the threshold.
    """
    want_intent, want_funds = _SIDES[quadrant]
    return (
        _nearest_on_side(intent, want_intent, threshold),
        _nearest_on_side(funding, want_funds, threshold),
    )


def _nearest_on_side(grade: int | None, strong: bool, threshold: int) -> int:
    if grade is not None and (grade >= threshold) == strong:
        return grade
    return threshold if strong else threshold - 1


def step_grade(grade: int | None, step: int, threshold: int) -> int:
    """One grade up or down, kept in 1-5; an unknown grade starts at the line."""
    if grade is None:
        return threshold if step > 0 else threshold - 1
    return max(MIN_GRADE, min(MAX_GRADE, grade + step))


def valid_threshold(threshold: int) -> bool:
    """T must leave at least one grade on each side."""
    return MIN_GRADE < threshold <= MAX_GRADE


def priority(intent: int | None, funding: int | None, credit: str, has_project: bool) -> int:
    """A score for ordering leads within one bucket: higher comes first.

    3 x intent + 2 x funding, +2 for good credit, -2 for poor credit, +2 when
    the lead holds a project. Intent weighs most because a willing buyer
    moves first; a project makes financing possible.
    """
    score = 3 * (intent or 0) + 2 * (funding or 0) + _CREDIT_POINTS.get(credit, 0)
    return score + (2 if has_project else 0)



def bucket(next_contact: datetime | None, now: datetime) -> int:
    """Overdue, due today, no next contact, or upcoming."""
    if next_contact is None:
        return NO_NEXT
    if next_contact < now:
        return OVERDUE
    if next_contact.date() == now.date():
        return DUE_TODAY
    return UPCOMING


def advice(lead: Lead, threshold: int) -> list[str]:
    """Codes for the next-step strategy, most important first.

    The UI turns each code into a sentence in the user's language.
    """
    codes: list[str] = []
    if lead.credit is Credit.UNKNOWN:
        codes.append("verify_credit")
    q = quadrant_of(lead.intent, lead.funding, threshold)
    if q is None:
        return ["grade_first", *codes]
    good = lead.credit is Credit.GOOD
    poor = lead.credit is Credit.POOR
    if q == 1:
        codes.append("q1_standard_terms" if good else "q1_win_first")
    elif q == 2:
        if good and lead.has_project:
            codes.append("q2_financing")
        elif lead.has_project:
            # Poor credit is known, not yet to be proven: it is a reason to
            # hold finance back, not only to check.
            codes.append("q2_project_poor_credit" if poor else "q2_project_no_credit")
        else:
            codes.append("q2_find_project")
    elif q == 3:
        codes.append("q3_court" if good else "q3_build_interest")
    else:
        codes.append("q4_light_touch")
    if poor:
        codes.append("poor_credit_caution")
    return codes
