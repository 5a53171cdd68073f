"""Reading a CSV of benchmark indicators: every problem found, with row and column.

Nothing here writes to the database. ``read_upload`` turns the uploaded bytes into text
(or says plainly why it cannot), ``parse`` checks every row and returns what it would
import together with every problem, so the Strategy Unit sees them all at once.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from perfmgmt.figures import Unit
from perfmgmt.quarters import financial_year_label
from perfmgmt.rag import Polarity

COLUMNS = [
    "code",
    "title",
    "unit",
    "polarity",
    "source",
    "comparator_group",
    "period",
    "value",
    "rank",
    "out_of",
    "comparator_average",
    "quartile",
    "england_average",
]
REQUIRED = {"code", "title", "unit", "polarity", "period"}
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
PERIOD = re.compile(r"^(\d{4})/(\d{2})$")

TEMPLATE_ROWS = [
    [
        "KS4-5AC-EM",
        "Pupils achieving 5+ A*-C GCSEs including English and maths",
        "percentage",
        "higher",
        "CIPFA value for money toolkit",
        "All English single-tier authorities",
        "2010/11",
        "47.1",
        "148",
        "152",
        "58.2",
        "4",
        "58.9",
    ],
]


class UploadProblem(Exception):
    """The file as a whole cannot be read; the message says what to do."""


@dataclass(frozen=True)
class RowProblem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class ParsedRow:
    row: int
    code: str
    title: str
    unit: str
    polarity: str
    source: str
    comparator_group: str
    start_year: int
    value: Decimal | None
    rank: int | None
    out_of: int | None
    comparator_average: Decimal | None
    quartile: int | None
    england_average: Decimal | None

    @property
    def period(self) -> str:
        return financial_year_label(self.start_year)


@dataclass
class Parsed:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def too_large(size: int) -> str:
    return (
        f"The file is {size / 1024 / 1024:.1f} MB. Upload a file of {MAX_BYTES // 1024 // 1024} MB or less, "
        "for example by splitting it by year."
    )


def read_upload(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise UploadProblem(too_large(len(raw)))
    if not raw.strip():
        raise UploadProblem("The file is empty. Choose a CSV file with a header row and at least one row of figures.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadProblem(
            "The file is not saved as UTF-8. In Excel, choose Save As and then 'CSV UTF-8 (Comma delimited)'."
        ) from None
    if "\x00" in text:
        raise UploadProblem("The file does not look like a CSV file. Save it from your spreadsheet as CSV UTF-8.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _shown(text: str) -> str:
    """A cell as quoted back in a message: short enough to read."""
    text = text.strip()
    return text if len(text) <= 50 else text[:47] + "..."


def _decimal(text: str, column: str, row: int, problems: list[RowProblem]) -> Decimal | None:
    typed = text
    text = text.strip().replace(",", "").removesuffix("%").replace("£", "", 1)
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        problems.append(RowProblem(row, column, f"'{_shown(typed)}' is not a number"))
        return None
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        problems.append(RowProblem(row, column, "Enter a number smaller than 1,000,000,000,000"))
        return None
    return value.quantize(Decimal("0.0001")) if value.as_tuple().exponent < -4 else value


def _whole(text: str, column: str, row: int, problems: list[RowProblem], *, low: int, high: int) -> int | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        problems.append(RowProblem(row, column, f"'{_shown(text)}' is not a whole number from {low} to {high}"))
        return None
    return int(text)


def _choice(text: str, column: str, row: int, problems: list[RowProblem], choices) -> str:
    wanted = text.strip().lower()
    for value, label in choices:
        if wanted in {value.lower(), label.lower()}:
            return value
    allowed = ", ".join(value for value, _ in choices)
    problems.append(RowProblem(row, column, f"'{_shown(text)}' is not one of: {allowed}"))
    return ""


def parse(text: str) -> Parsed:
    parsed = Parsed()
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        parsed.problems.append(RowProblem(1, "", "The file has no header row"))
        return parsed
    except csv.Error as error:
        parsed.problems.append(RowProblem(1, "", f"The header row cannot be read: {error}"))
        return parsed
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        parsed.problems.append(
            RowProblem(1, ", ".join(missing), "Missing column. Download the template to see the columns needed")
        )
        return parsed
    position = {name: header.index(name) for name in COLUMNS}
    seen: dict[tuple[str, int], int] = {}
    definitions: dict[str, tuple] = {}
    try:
        for number, cells in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                parsed.problems.append(RowProblem(number, "", f"The file has more than {MAX_ROWS:,} rows; split it"))
                break
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) < len(header):
                cells = cells + [""] * (len(header) - len(cells))
            row = _parse_row(number, {name: cells[index] for name, index in position.items()}, parsed.problems)
            if row is None:
                continue
            key = (row.code, row.start_year)
            if key in seen:
                parsed.problems.append(
                    RowProblem(number, "period", f"{row.code} for this period is already on row {seen[key]}")
                )
                continue
            seen[key] = number
            definition = (row.title, row.unit, row.polarity, row.source, row.comparator_group)
            if definitions.setdefault(row.code, definition) != definition:
                parsed.problems.append(
                    RowProblem(number, "title", f"{row.code} is described differently on an earlier row")
                )
                continue
            parsed.rows.append(row)
    except csv.Error:
        parsed.problems.append(
            RowProblem(
                len(parsed.rows) + len(parsed.problems) + 2,
                "",
                "This row cannot be read: check for a quote mark that is not closed, or a cell that is far too long",
            )
        )
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(RowProblem(2, "", "The file has a header row but no figures"))
    return parsed


def _parse_row(number: int, cell: dict[str, str], problems: list[RowProblem]) -> ParsedRow | None:
    before = len(problems)
    for name in REQUIRED:
        if not cell[name].strip():
            problems.append(RowProblem(number, name, f"Enter the {name.replace('_', ' ')}"))
    for name, limit in (("code", 40), ("title", 300), ("source", 200), ("comparator_group", 200)):
        if len(cell[name].strip()) > limit:
            problems.append(RowProblem(number, name, f"Must be {limit} characters or fewer"))
    unit = _choice(cell["unit"], "unit", number, problems, Unit.choices) if cell["unit"].strip() else ""
    polarity = (
        _choice(cell["polarity"], "polarity", number, problems, Polarity.choices) if cell["polarity"].strip() else ""
    )
    start_year = None
    period = cell["period"].strip()
    if period:
        match = PERIOD.match(period)
        if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
            problems.append(RowProblem(number, "period", f"'{_shown(period)}' is not a year like 2010/11"))
        else:
            start_year = int(match.group(1))
    rank = _whole(cell["rank"], "rank", number, problems, low=1, high=100000)
    out_of = _whole(cell["out_of"], "out_of", number, problems, low=1, high=100000)
    if rank and out_of and rank > out_of:
        problems.append(RowProblem(number, "rank", f"Rank {rank} is more than out of {out_of}"))
    row = ParsedRow(
        row=number,
        code=cell["code"].strip().upper(),  # codes are matched regardless of case
        title=cell["title"].strip(),
        unit=unit,
        polarity=polarity,
        source=cell["source"].strip(),
        comparator_group=cell["comparator_group"].strip(),
        start_year=start_year or 0,
        value=_decimal(cell["value"], "value", number, problems),
        rank=rank,
        out_of=out_of,
        comparator_average=_decimal(cell["comparator_average"], "comparator_average", number, problems),
        quartile=_whole(cell["quartile"], "quartile", number, problems, low=1, high=4),
        england_average=_decimal(cell["england_average"], "england_average", number, problems),
    )
    return row if len(problems) == before else None
