"""Trend charts, drawn on the server as SVG with leather, so the same chart works in the
page and in a PDF. Each chart carries its text alternative in <title> and <desc> inside
the SVG, and pages show the same figures in a data table next to it.

leather writes presentation attributes rather than style attributes or <style>
elements, so the charts need no exception to the Content Security Policy.
"""

import xml.etree.ElementTree as ET
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
    root = ET.fromstring(svg)  # noqa: S314 (our own SVG from leather, not user input)
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
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308


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


def rank_chart(indicator_title: str, points: list[tuple[str, int | None, int | None]]) -> Chart | None:
    """An indicator's rank over time among comparable authorities, from (period label,
    rank, out of) triples, oldest first. Rank 1 is drawn at the top, so a line that rises
    is an improving rank (leather has no inverted scale, so the ranks are plotted as
    places from the bottom and labelled back as ranks)."""
    ranked = [(period, rank, out_of) for period, rank, out_of in points if rank is not None and rank >= 1]
    if not ranked:
        return None
    bottom = max(out_of or rank for _, rank, out_of in ranked)
    chart = _chart_over([period for period, _, _ in ranked])
    chart.add_y_scale(1, bottom)
    ticks = sorted({1, bottom, *[rank for _, rank, _ in ranked]})
    chart.add_y_axis(
        ticks=[bottom + 1 - rank for rank in ticks], tick_formatter=lambda value, *_: str(bottom + 1 - int(value))
    )
    chart.add_line(
        [(index, bottom + 1 - rank) for index, (_, rank, _) in enumerate(ranked, start=1)],
        name="Rank (1 is best, at the top)",
        stroke_color=ACTUAL_COLOUR,
        width=3,
    )
    title = f"{indicator_title}: rank among comparable authorities"
    description = "; ".join(
        f"{period}: ranked {rank}" + (f" of {out_of}" if out_of else "") for period, rank, out_of in ranked
    )
    svg = chart.to_svg(width=720, height=320)
    return Chart(_with_text_alternative(svg, title, description + "."), title, description + ".")


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 96, 24, 3


def sparkline(values: list[Decimal | None], description: str) -> SafeString:
    """A tiny trend line for a scorecard row.

    Drawn by hand rather than with leather: leather always draws axes and took 6 to 12 ms a
    chart here, over a second for a 200-row scorecard (bench/sparklines.py); this takes about
    30 µs. Missing quarters leave a gap in the line.
    """
    numbers = [float(value) for value in values if value is not None]
    if len(numbers) < 2:
        return mark_safe("")  # noqa: S308 (constant)
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
    dots = "".join(
        f'<circle cx="{points[0].split(",")[0]}" cy="{points[0].split(",")[1]}" r="1.5" fill="{ACTUAL_COLOUR}"/>'
        for points in segments
        if len(points) == 1
    )
    # Only numbers we formatted go into the markup; the description is escaped.
    return mark_safe(  # noqa: S308
        f'<svg class="app-sparkline" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" role="img" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(description)}</title>{lines}{dots}</svg>"
    )
