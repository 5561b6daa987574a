import pytest

from store.grading import advice, grades_for_quadrant, priority, quadrant_of, step_grade
from store.model import Credit, Lead
from tests.conftest import NOW


@pytest.mark.parametrize(
    ("intent", "funding", "threshold", "quadrant"),
    [
        (5, 5, 3, 1), (3, 3, 3, 1), (3, 2, 3, 2), (5, 1, 3, 2), (2, 3, 3, 3), (1, 5, 3, 3),
        (2, 2, 3, 4), (1, 1, 3, 4), (3, 3, 4, 4), (4, 4, 4, 1), (None, 3, 3, None),
        (3, None, 3, None), (None, None, 3, None),
    ],
)
def test_quadrant_follows_the_threshold(intent, funding, threshold, quadrant):
    assert quadrant_of(intent, funding, threshold) == quadrant


@pytest.mark.parametrize(
    ("intent", "funding", "target", "expected"),
    [
        (5, 5, 4, (2, 2)),  # both cross to the nearest weak grade
        (5, 5, 2, (5, 2)),  # intent already strong: kept
        (2, 2, 1, (3, 3)),  # both cross up to the line
        (1, 4, 2, (3, 2)),
        (4, 1, 3, (2, 3)),
        (None, None, 1, (3, 3)),  # ungraded: placed at the line
        (None, None, 4, (2, 2)),
        (None, 5, 3, (2, 5)),
        (4, 4, 1, (4, 4)),  # no change when already there
    ],
)
def test_move_to_quadrant_is_the_smallest_regrade(intent, funding, target, expected):
    assert grades_for_quadrant(intent, funding, target, 3) == expected
    assert quadrant_of(*expected, 3) == target


def test_step_grade_stays_within_one_to_five():
    assert step_grade(5, 1, 3) == 5
    assert step_grade(1, -1, 3) == 1
    assert step_grade(3, 1, 3) == 4
    assert step_grade(None, 1, 3) == 3
    assert step_grade(None, -1, 3) == 2


def _lead(**fields):
    return Lead(id=1, name="张三", created=NOW, updated=NOW, **fields)


def test_priority_weighs_intent_credit_and_project():
    assert priority(5, 5, "good", True) == 3 * 5 + 2 * 5 + 2 + 2
    assert priority(4, 4, "poor", False) == 3 * 4 + 2 * 4 - 2
    assert priority(5, 1, "unknown", False) > priority(1, 5, "unknown", False)


@pytest.mark.parametrize(
    ("fields", "codes"),
    [
        (dict(intent=4, funding=2, credit=Credit.GOOD, has_project=True), ["q2_financing"]),
        (dict(intent=4, funding=2, credit=Credit.UNKNOWN, has_project=True),
         ["verify_credit", "q2_project_no_credit"]),
        (dict(intent=4, funding=2, credit=Credit.POOR, has_project=True),
         ["q2_project_poor_credit", "poor_credit_caution"]),
        (dict(intent=4, funding=2, credit=Credit.GOOD), ["q2_find_project"]),
        (dict(intent=5, funding=5, credit=Credit.GOOD), ["q1_standard_terms"]),
        (dict(intent=5, funding=5, credit=Credit.POOR), ["q1_win_first", "poor_credit_caution"]),
        (dict(intent=2, funding=4, credit=Credit.GOOD), ["q3_court"]),
        (dict(intent=1, funding=1, credit=Credit.GOOD), ["q4_light_touch"]),
        (dict(credit=Credit.GOOD), ["grade_first"]),
    ],
)
def test_advice_follows_the_method(fields, codes):
    assert advice(_lead(**fields), 3) == codes
