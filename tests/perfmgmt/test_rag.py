from decimal import Decimal as D

import pytest

from perfmgmt.rag import Direction, Polarity, Rag, direction_of_travel, rag_status

HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("60", Rag.GREEN),  # above target
        ("50", Rag.GREEN),  # exactly on target
        ("49.99", Rag.AMBER),  # just short
        ("45", Rag.AMBER),  # exactly on the tolerance boundary
        ("44.99", Rag.RED),  # just beyond tolerance
        ("0", Rag.RED),
    ],
)
def test_rag_when_higher_is_better(actual, expected):
    assert rag_status(actual=D(actual), target=D("50"), tolerance=D("5"), polarity=HIGHER) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("40", Rag.GREEN),
        ("50", Rag.GREEN),
        ("50.01", Rag.AMBER),
        ("55", Rag.AMBER),
        ("55.01", Rag.RED),
        ("1000", Rag.RED),
    ],
)
def test_rag_when_lower_is_better(actual, expected):
    assert rag_status(actual=D(actual), target=D("50"), tolerance=D("5"), polarity=LOWER) == expected


@pytest.mark.parametrize("polarity", [HIGHER, LOWER])
def test_without_a_tolerance_any_miss_is_red(polarity):
    miss = D("49") if polarity == HIGHER else D("51")
    assert rag_status(actual=miss, target=D("50"), tolerance=None, polarity=polarity) == Rag.RED
    assert rag_status(actual=D("50"), target=D("50"), tolerance=D("0"), polarity=polarity) == Rag.GREEN


@pytest.mark.parametrize(
    ("actual", "target"),
    [(None, D("50")), (D("50"), None), (None, None)],
)
@pytest.mark.parametrize("polarity", [HIGHER, LOWER])
def test_missing_data_gives_no_status(actual, target, polarity):
    assert rag_status(actual=actual, target=target, tolerance=D("5"), polarity=polarity) == Rag.NO_DATA


def test_zero_is_data_not_missing():
    assert rag_status(actual=D("0"), target=D("0"), tolerance=None, polarity=HIGHER) == Rag.GREEN
    assert rag_status(actual=D("0"), target=D("1"), tolerance=None, polarity=HIGHER) == Rag.RED


def test_yes_no_measures_use_one_and_zero():
    assert rag_status(actual=D(1), target=D(1), tolerance=None, polarity=HIGHER) == Rag.GREEN
    assert rag_status(actual=D(0), target=D(1), tolerance=None, polarity=HIGHER) == Rag.RED


@pytest.mark.parametrize(
    ("current", "earlier", "polarity", "expected"),
    [
        (D("8"), D("7"), HIGHER, Direction.IMPROVING),
        (D("6"), D("7"), HIGHER, Direction.WORSENING),
        (D("6"), D("7"), LOWER, Direction.IMPROVING),
        (D("8"), D("7"), LOWER, Direction.WORSENING),
        (D("7"), D("7.0"), HIGHER, Direction.SAME),
        (D("7"), D("7"), LOWER, Direction.SAME),
        (None, D("7"), HIGHER, Direction.NO_DATA),
        (D("7"), None, LOWER, Direction.NO_DATA),
    ],
)
def test_direction_of_travel_for_both_polarities(current, earlier, polarity, expected):
    assert direction_of_travel(current=current, earlier=earlier, polarity=polarity) == expected


def test_red_sorts_first_and_no_data_last():
    ordered = sorted([Rag.GREEN, Rag.NO_DATA, Rag.RED, Rag.AMBER], key=lambda rag: rag.severity)
    assert ordered == [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NO_DATA]
