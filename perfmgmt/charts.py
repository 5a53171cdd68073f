"""Trend charts, drawn on the server as SVG with leather, so the same chart works in the
page and in a PDF. Each chart carries its text alternative in <title> and <desc> inside
the SVG, and pages show the same figures in a data table next to it.

leather writes presentation attributes rather than style attributes or <style>
elements, so the charts need no exception to the Content Security Policy.
"""

import xml.etree.ElementTree as ET  # it parses only the SVG leather has just drawn  # nosec B405
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

import leather
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The council's look: Arial, GOV.UK colours with text at AA contrast.
leather.theme.background_color = "#ffffff"
leather.theme.title_color = "#0b0c0c"
leather.theme.title_font_family = "Arial, sans-serif"
leather.theme.legend_color = "#0b0c0c"
leather.theme.legend_font_family = "Arial, sans-serif"
leather.theme.tick_color = "#b1b4b6"
leather.theme.label_color = "#505a5f"
leather.theme.tick_font_family = "Arial, sans-serif"
leather.theme.axis_title_font_family = "Arial, sans-serif"
leather.theme.axis_title_color = "#0b0c0c"
leather.theme.zero_color = "#505a5f"
leather.theme.default_series_colors = ["#1d70b8", "#d4351c", "#00703c", "#6f72af"]

ACTUAL_COLOUR = "#1d70b8"
TARGET_COLOUR = "#0b0c0c"
_ids = count(1)


@dataclass(frozen=True)
class Chart:
    svg: SafeString
    title: str
    description: str


def _with_text_alternative(svg: str, title: str, description: str) -> SafeString:
    """Put <title> and <desc> first inside the SVG and label the figure with them, so
    screen readers and the PDF's tagging both get the text alternative."""
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    root = ET.fromstring(svg)  # noqa: S314  # our own SVG from leather, not user input  # nosec B314
    number = next(_ids)
    title_id, desc_id = f"chart-title-{number}", f"chart-desc-{number}"
    title_element = ET.Element("{http://www.w3.org/2000/svg}title", id=title_id)
    title_element.text = title
    desc_element = ET.Element("{http://www.w3.org/2000/svg}desc", id=desc_id)
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("viewBox", f"0 0 {root.get('width')} {root.get('height')}")
    root.set("class", "app-chart")
    # ElementTree escaped every piece of text (titles come from users); the markup is ours.
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308  # escaped above  # nosec B308 B703


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _chart_over(labels: list[str]) -> leather.Chart:
    """A chart whose x axis is the given periods in order (leather lines need numbers on
    the x axis, so periods are plotted at 1, 2, 3... and labelled)."""
    chart = leather.Chart()
    chart.add_x_scale(1, max(len(labels), 2))
    chart.add_x_axis(ticks=list(range(1, len(labels) + 1)), tick_formatter=lambda value, *_: labels[int(value) - 1])
    return chart


def _short(label: str) -> str:
    """'Q3 2011/12' -> 'Q3 11/12', so eight quarters fit along the axis."""
    quarter, _, year = label.partition(" ")
    return f"{quarter} {year[2:]}" if year else label


def measure_chart(measure, years) -> Chart | None:
    """Actuals against targets by quarter, across the years given (oldest first) as
    (measure, figure cells) pairs from selectors.measure_page."""
    cells = [cell for _, year_cells in years for cell in year_cells]
    if not any(cell.actual_value is not None or cell.target_value is not None for cell in cells):
        return None
    chart = _chart_over([_short(cell.quarter.label) for cell in cells])
    chart.add_line(
        [(index, _number(cell.actual_value)) for index, cell in enumerate(cells, start=1)],
        name="Actual",
        stroke_color=ACTUAL_COLOUR,
        width=3,
    )
    chart.add_dots(
        [(index, _number(cell.target_value)) for index, cell in enumerate(cells, start=1)],
        name="Target",
        fill_color=TARGET_COLOUR,
        radius=5,
    )
    title = f"{measure.title}: actual against target by quarter"
    description = "; ".join(
        f"{cell.quarter.label}: actual {cell.actual or 'not recorded'}, target {cell.target or 'none'}"
        for cell in cells
        if cell.actual or cell.target
    )
    svg = chart.to_svg(width=720, height=320)
    return Chart(_with_text_alternative(svg, title, description + "."), title, description + ".")


RANK_WIDTH, RANK_HEIGHT = 720, 300
RANK_LEFT, RANK_RIGHT, RANK_TOP, RANK_BOTTOM, RANK_INSET = 70, 40, 40, 50, 50
MIN_TICK_GAP = 22  # px between rank labels on the axis, so that they never overlap


def _rank_ticks(bottom: int, y_of) -> list[int]:
    """1, the number of authorities, and round ranks between, none closer than MIN_TICK_GAP."""
    step = next(size * 10**power for power in range(6) for size in (1, 2, 5) if bottom / (size * 10**power) <= 6)
    ticks = [1, bottom]
    for rank in range(step, bottom, step):
        if all(abs(y_of(rank) - y_of(tick)) >= MIN_TICK_GAP for tick in ticks):
            ticks.append(rank)
    return sorted(ticks)


def rank_chart(indicator_title: str, points: list[tuple[str, int | None, int | None]]) -> Chart | None:
    """An indicator's rank over time among comparable authorities, from (period label,
    rank, out of) triples, oldest first. Rank 1 is at the top and the axis runs to the
    number of authorities, so the line's height says how the council compares; each point
    is labelled with its rank. Drawn by hand: leather has no inverted scale, and its tick
    labels overlapped when ranks were close together."""
    ranked = [(period, rank, out_of) for period, rank, out_of in points if rank is not None and rank >= 1]
    if not ranked:
        return None
    bottom = max(max(out_of or rank, rank) for _, rank, out_of in ranked)
    plot_width = RANK_WIDTH - RANK_LEFT - RANK_RIGHT
    plot_height = RANK_HEIGHT - RANK_TOP - RANK_BOTTOM

    def y_of(rank: int) -> float:
        return RANK_TOP + (rank - 1) / max(bottom - 1, 1) * plot_height

    def x_of(index: int) -> float:  # points stand clear of the axis labels at either end
        if len(ranked) == 1:
            return RANK_LEFT + plot_width / 2
        return RANK_LEFT + RANK_INSET + index * (plot_width - 2 * RANK_INSET) / (len(ranked) - 1)

    parts = [
        f'<text x="{RANK_LEFT}" y="{RANK_TOP - 22}" font-size="14" fill="#0b0c0c">Rank (1 is best)</text>',
    ]
    for tick in _rank_ticks(bottom, y_of):
        y = y_of(tick)
        parts.append(
            f'<line x1="{RANK_LEFT}" x2="{RANK_WIDTH - RANK_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6"/>'
        )
        parts.append(
            f'<text x="{RANK_LEFT - 10}" y="{y + 5:.1f}" font-size="14" text-anchor="end" fill="#505a5f">{tick}</text>'
        )
    coordinates = [(x_of(index), y_of(rank)) for index, (_, rank, _) in enumerate(ranked)]
    if len(coordinates) > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{ACTUAL_COLOUR}" stroke-width="3"/>')
    for (period, rank, out_of), (x, y) in zip(ranked, coordinates, strict=True):
        label_y = y - 12 if y - 12 > RANK_TOP - 4 else y + 24
        label = f"{rank} of {out_of}" if out_of else str(rank)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{ACTUAL_COLOUR}"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{label_y:.1f}" font-size="14" font-weight="bold" text-anchor="middle" '
            'stroke="#ffffff" stroke-width="4" paint-order="stroke" '
            f'fill="#0b0c0c">{escape(label)}</text>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{RANK_HEIGHT - RANK_BOTTOM + 28}" font-size="14" text-anchor="middle" '
            f'fill="#505a5f">{escape(period)}</text>'
        )
    title = f"{indicator_title}: rank among comparable authorities"
    description = "; ".join(
        f"{period}: ranked {rank}" + (f" of {out_of}" if out_of else "") for period, rank, out_of in ranked
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{RANK_WIDTH}" height="{RANK_HEIGHT}" '
        f'font-family="Arial, sans-serif">{"".join(parts)}</svg>'
    )
    return Chart(_with_text_alternative(svg, title, description + "."), title, description + ".")


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 96, 24, 3


def sparkline(values: list[Decimal | None], description: str) -> SafeString:
    """A tiny trend line for a scorecard row.

    Drawn by hand rather than with leather: leather always draws axes and took 6 to 12 ms a
    chart here, over a second for a 200-row scorecard (bench/sparklines.py); this takes about
    30 µs. A missing quarter is bridged by a dashed line.
    """
    numbers = [float(value) for value in values if value is not None]
    if len(numbers) < 2:
        return mark_safe("")  # noqa: S308  # a constant  # nosec B308
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(values) - 1, 1)
    segments, current = [], []
    for index, value in enumerate(values):
        if value is None:
            if current:
                segments.append(current)
            current = []
            continue
        x = SPARK_PAD + index * step
        y = SPARK_HEIGHT - SPARK_PAD - (float(value) - low) / span * (SPARK_HEIGHT - 2 * SPARK_PAD)
        current.append(f"{x:.1f},{y:.1f}")
    if current:
        segments.append(current)
    lines = "".join(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{ACTUAL_COLOUR}" stroke-width="2"/>'
        for points in segments
        if len(points) > 1
    )
    # A missing quarter is a dashed line from the last figure before it to the next after it.
    gaps = "".join(
        f'<polyline points="{before[-1]} {after[0]}" fill="none" stroke="{ACTUAL_COLOUR}" stroke-width="1" '
        'stroke-dasharray="2 2"/>'
        for before, after in zip(segments, segments[1:], strict=False)
    )
    dots = "".join(
        f'<circle cx="{points[0].split(",")[0]}" cy="{points[0].split(",")[1]}" r="1.5" fill="{ACTUAL_COLOUR}"/>'
        for points in segments
        if len(points) == 1
    )
    return mark_safe(  # noqa: S308  # numbers we formatted, the description escaped  # nosec B308 B703
        f'<svg class="app-sparkline" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" role="img" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(description)}</title>{gaps}{lines}{dots}</svg>"
    )


BAR_WIDTH, BAR_ROW, BAR_LABEL = 320, 26, 90
STATUS_COLOURS = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c", "no_data": "#505a5f"}


def status_bars(counts: list[tuple[str, str, int]], title: str) -> Chart:
    """Measures by status as horizontal bars, each labelled with its count: (status,
    label, count) in print order. Drawn by hand, like the sparkline, with its text
    alternative inside the SVG for screen readers and the PDF's tagging."""
    total = sum(number for _, _, number in counts) or 1
    height = BAR_ROW * len(counts) + 4
    span = BAR_WIDTH - BAR_LABEL - 40
    rows = []
    for index, (status, label, number) in enumerate(counts):
        y = 2 + index * BAR_ROW
        width = round(span * number / total, 1)
        rows.append(
            f'<text x="0" y="{y + 17}" font-family="Arial, sans-serif" font-size="14" fill="#0b0c0c">'
            f"{escape(label)}</text>"
            f'<rect x="{BAR_LABEL}" y="{y + 3}" width="{width}" height="{BAR_ROW - 8}" '
            f'fill="{STATUS_COLOURS.get(status, "#505a5f")}"/>'
            f'<text x="{BAR_LABEL + width + 6}" y="{y + 17}" font-family="Arial, sans-serif" font-size="14" '
            f'fill="#0b0c0c">{number}</text>'
        )
    description = "; ".join(f"{label}: {number}" for _, label, number in counts) + "."
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="{BAR_WIDTH}" height="{height}">{"".join(rows)}</svg>'
    return Chart(_with_text_alternative(svg, title, description), title, description)
