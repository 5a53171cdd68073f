from datetime import date

import pytest

from perfmgmt import quarters
from perfmgmt.quarters import QuarterRef
from perfmgmt.selectors import current_quarter
from tests.factories import FinancialYearFactory, QuarterFactory


def test_quarter_label_names_the_financial_year_by_both_calendar_years():
    assert QuarterRef(2011, 3).label == "Q3 2011/12"
    assert QuarterRef(1999, 1).label == "Q1 1999/00"
    assert QuarterRef(2009, 4).label == "Q4 2009/10"


def test_quarter_slug_suits_file_names():
    assert QuarterRef(2011, 3).slug == "q3-2011-12"


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [
        (1, date(2011, 4, 1), date(2011, 6, 30)),
        (2, date(2011, 7, 1), date(2011, 9, 30)),
        (3, date(2011, 10, 1), date(2011, 12, 31)),
        (4, date(2012, 1, 1), date(2012, 3, 31)),
    ],
)
def test_quarters_of_a_uk_financial_year_start_in_april(number, start, end):
    quarter = QuarterRef(2011, number)
    assert (quarter.start, quarter.end) == (start, end)


def test_q4_of_a_leap_year_ends_on_31_march():
    assert QuarterRef(2011, 4).end == date(2012, 3, 31)
    assert QuarterRef(2011, 4).contains(date(2012, 2, 29))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2012, 3, 31), QuarterRef(2011, 4)),  # last day of the financial year
        (date(2012, 4, 1), QuarterRef(2012, 1)),  # first day of the next one
        (date(2011, 12, 31), QuarterRef(2011, 3)),  # calendar year ends mid financial year
        (date(2012, 1, 1), QuarterRef(2011, 4)),  # January belongs to the previous financial year
        (date(2011, 6, 30), QuarterRef(2011, 1)),
        (date(2011, 7, 1), QuarterRef(2011, 2)),
        (date(2011, 9, 30), QuarterRef(2011, 2)),
        (date(2011, 10, 1), QuarterRef(2011, 3)),
    ],
)
def test_quarter_for_date_on_boundaries(day, expected):
    assert quarters.quarter_for_date(day) == expected


def test_next_and_previous_cross_the_year_boundary():
    assert QuarterRef(2011, 4).next() == QuarterRef(2012, 1)
    assert QuarterRef(2012, 1).previous() == QuarterRef(2011, 4)
    assert QuarterRef(2011, 3).same_quarter_last_year() == QuarterRef(2010, 3)


def test_every_day_of_a_year_falls_in_exactly_one_quarter():
    day = date(2011, 4, 1)
    refs = [QuarterRef(2011, n) for n in (1, 2, 3, 4)]
    while day <= date(2012, 3, 31):
        assert sum(ref.contains(day) for ref in refs) == 1, day
        assert quarters.quarter_for_date(day).contains(day)
        day = date.fromordinal(day.toordinal() + 1)


def test_a_quarter_number_outside_1_to_4_is_refused():
    with pytest.raises(ValueError, match="1 to 4"):
        QuarterRef(2011, 5)


def test_financial_year_label_and_dates():
    assert quarters.financial_year_label(2011) == "2011/12"
    assert quarters.financial_year_dates(2011) == (date(2011, 4, 1), date(2012, 3, 31))


@pytest.mark.django_db
def test_current_quarter_is_the_latest_open_quarter_whatever_the_date():
    QuarterFactory(number=2, status="closed")
    q3 = QuarterFactory(number=3, status="open")
    QuarterFactory(number=4, status="planned")
    assert current_quarter(today=date(2026, 11, 28)) == q3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "expected_number"),
    [(date(2011, 12, 31), 3), (date(2012, 1, 1), 4), (date(2012, 3, 31), 4)],
)
def test_current_quarter_without_an_open_one_is_the_one_containing_today(today, expected_number):
    for number in (1, 2, 3, 4):
        QuarterFactory(number=number, status="planned")
    assert current_quarter(today=today).number == expected_number


@pytest.mark.django_db
def test_current_quarter_on_1_april_is_q1_of_the_new_year():
    QuarterFactory(financial_year=FinancialYearFactory(start_year=2011), number=4)
    QuarterFactory(financial_year=FinancialYearFactory(start_year=2012), number=1)
    found = current_quarter(today=date(2012, 4, 1))
    assert found.label == "Q1 2012/13"


@pytest.mark.django_db
def test_no_current_quarter_when_none_is_set_up():
    assert current_quarter(today=date(2026, 11, 28)) is None


@pytest.mark.django_db
def test_quarter_model_reports_its_dates_and_label():
    quarter = QuarterFactory(number=4)
    assert str(quarter) == "Q4 2011/12"
    assert (quarter.start, quarter.end) == (date(2012, 1, 1), date(2012, 3, 31))
