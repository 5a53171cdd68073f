"""CSV downloads that are safe to open in a spreadsheet.

Text that starts like a formula (=, +, -, @, or a tab or carriage return) is turned
into plain text with a leading apostrophe, so a measure title or commentary typed by a
user cannot run as a formula on the Strategy Unit's PC. Numbers are written as numbers.

A download streams: rows are written as they are read, so the whole council's list goes
out without the page being built in memory first. Views read a long list with
`queryset.iterator(chunk_size=CHUNK)`, which fetches each chunk's related rows in a fixed
number of queries.
"""

import csv
from decimal import Decimal

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 500


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Line:
    """What csv.writer writes to: it hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    writer = csv.writer(_Line())

    def lines():
        yield "\ufeff"  # so Excel reads UTF-8 (£, accents) correctly
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
