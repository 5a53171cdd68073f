"""Reading and writing figures as people type and read them.

A head of service types "45%", "£1,250,000", "17,000" or "yes"; the database keeps a
Decimal. Formatting is plain Python (not ``floatformat`` in a template loop), because a
scorecard formats hundreds of figures per page.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    NUMBER = "number", "Number"
    MONEY = "money", "Money (£)"
    RATIO = "ratio", "Ratio"
    YES_NO = "yes_no", "Yes or no"


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}

# The largest figure a measure can hold (see the model fields' max_digits).
LIMIT = Decimal("1e12")


def parse_figure(text: str, unit: str) -> Decimal | None:
    """The Decimal a person meant, or None for an empty box. Raises ValidationError with
    a message that says what to type instead."""
    text = (text or "").strip()
    if not text:
        return None
    if unit == Unit.YES_NO:
        if text.lower() in YES:
            return Decimal(1)
        if text.lower() in NO:
            return Decimal(0)
        raise ValidationError("Enter yes or no")
    cleaned = text.replace(",", "").replace(" ", "")
    if unit == Unit.PERCENTAGE:
        cleaned = cleaned.removesuffix("%")
    if unit == Unit.MONEY:
        cleaned = cleaned.replace("£", "", 1)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(_example(unit)) from None
    if not value.is_finite() or abs(value) >= LIMIT:
        raise ValidationError("Enter a number smaller than 1,000,000,000,000")
    if value.as_tuple().exponent < -4:
        raise ValidationError("Enter a number with no more than 4 decimal places")
    return value


def _example(unit: str) -> str:
    return {
        Unit.PERCENTAGE: "Enter a percentage as a number, like 45 or 45.5%",
        Unit.MONEY: "Enter an amount of money, like £1,250 or 1250.50",
        Unit.RATIO: "Enter a ratio as a number, like 1.25",
    }.get(unit, "Enter a number, like 17,000 or 7")


def format_figure(value: Decimal | None, unit: str) -> str:
    """'45.5%', '£1,250', '17,000', '1.25', 'Yes'; an empty string for no figure."""
    if value is None:
        return ""
    if unit == Unit.YES_NO:
        return "Yes" if value else "No"
    normal = value.normalize()
    places = max(0, -normal.as_tuple().exponent)
    if unit == Unit.MONEY and places:
        places = max(places, 2)  # pence: £12.50, not £12.5
    number = f"{value:,.{places}f}"
    if unit == Unit.PERCENTAGE:
        return f"{number}%"
    if unit == Unit.MONEY:
        return f"-£{number[1:]}" if number.startswith("-") else f"£{number}"
    return number


def figure_for_input(value: Decimal | None, unit: str) -> str:
    """The figure as it goes back into a form field: no thousands separators."""
    if value is None:
        return ""
    if unit == Unit.YES_NO:
        return "yes" if value else "no"
    normal = value.normalize()
    return f"{normal:f}"
