from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from perfmgmt.figures import Unit, figure_for_input, format_figure, parse_figure


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("45", Unit.PERCENTAGE, D("45")),
        (" 45.5% ", Unit.PERCENTAGE, D("45.5")),
        ("£1,250,000", Unit.MONEY, D("1250000")),
        ("1250.50", Unit.MONEY, D("1250.50")),
        ("17,000", Unit.NUMBER, D("17000")),
        ("-3", Unit.NUMBER, D("-3")),
        ("1.25", Unit.RATIO, D("1.25")),
        ("Yes", Unit.YES_NO, D(1)),
        ("no", Unit.YES_NO, D(0)),
        ("", Unit.NUMBER, None),
        ("   ", Unit.PERCENTAGE, None),
    ],
)
def test_parse_figure_reads_what_people_type(text, unit, expected):
    assert parse_figure(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("lots", Unit.NUMBER, "Enter a number, like 17,000 or 7"),
        ("forty%", Unit.PERCENTAGE, "Enter a percentage as a number"),
        ("£a", Unit.MONEY, "Enter an amount of money"),
        ("maybe", Unit.YES_NO, "Enter yes or no"),
        ("1e20", Unit.NUMBER, "smaller than 1,000,000,000,000"),
        ("NaN", Unit.NUMBER, "smaller than"),
        ("Infinity", Unit.NUMBER, "smaller than"),
        ("0.123456", Unit.RATIO, "no more than 4 decimal places"),
    ],
)
def test_parse_figure_explains_bad_input(text, unit, message):
    with pytest.raises(ValidationError, match=message):
        parse_figure(text, unit)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (D("45.50"), Unit.PERCENTAGE, "45.5%"),
        (D("1250000"), Unit.MONEY, "£1,250,000"),
        (D("-12.5"), Unit.MONEY, "-£12.50"),
        (D("17000"), Unit.NUMBER, "17,000"),
        (D("7.0000"), Unit.NUMBER, "7"),
        (D("1.25"), Unit.RATIO, "1.25"),
        (D(1), Unit.YES_NO, "Yes"),
        (D(0), Unit.YES_NO, "No"),
        (None, Unit.NUMBER, ""),
        (D("1E+3"), Unit.NUMBER, "1,000"),
    ],
)
def test_format_figure_reads_naturally(value, unit, expected):
    assert format_figure(value, unit) == expected


def test_figures_go_back_into_forms_without_separators():
    assert figure_for_input(D("17000.00"), Unit.NUMBER) == "17000"
    assert figure_for_input(D("1E+3"), Unit.NUMBER) == "1000"
    assert figure_for_input(D(1), Unit.YES_NO) == "yes"
    assert figure_for_input(None, Unit.MONEY) == ""
