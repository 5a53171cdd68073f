"""Reads for annexes: indicators and measures with their figures, and who has contributed."""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from perfmgmt import charts
from perfmgmt.benchmarks import selectors as core_selectors
from perfmgmt.models import BenchmarkIndicator, BenchmarkValue, Measure, MeasureFigure
from perfmgmt.plans.selectors import figure_cell
from perfmgmt.roles import ContributorArea
from reviews.models import AgendaItem, Annex, BoardSession


@dataclass(frozen=True)
class AnnexIndicator:
    indicator: BenchmarkIndicator
    cells: list
    chart: object


@dataclass(frozen=True)
class AnnexMeasure:
    measure: Measure
    cell: object


def annex_of(session: BoardSession) -> Annex:
    """The session's annex, or an empty unsaved one: reading a page creates nothing."""
    return Annex.objects.filter(session=session).first() or Annex(session=session)


def agenda_of(session: BoardSession) -> list[AgendaItem]:
    """The session's worries in the order the Board takes them, for its pack."""
    return list(session.agenda.select_related("worry__worry_list__service").order_by("position", "pk"))


def annex_contents(annex: Annex) -> tuple[list[AnnexIndicator], list[AnnexMeasure]]:
    """The annex's indicators (every year's figures and the rank chart) and measures
    (this quarter's figures), in a fixed number of queries."""
    if annex.pk is None:
        return [], []
    return annexes_contents([annex])[annex.pk]


def annexes_contents(annexes: list[Annex]) -> dict[int, tuple[list[AnnexIndicator], list[AnnexMeasure]]]:
    """annex_contents for many annexes at once (a committee pack's), in the same fixed
    number of queries as for one."""
    quarters = {annex.session.quarter_id for annex in annexes}
    prefetch_related_objects(
        annexes,
        Prefetch(
            "indicators",
            queryset=BenchmarkIndicator.objects.prefetch_related(
                Prefetch("values", queryset=BenchmarkValue.objects.select_related("financial_year"))
            ).order_by("code"),
        ),
        Prefetch(
            "measures",
            queryset=Measure.objects.select_related("plan__service")
            .prefetch_related(
                Prefetch(
                    "figures",
                    queryset=MeasureFigure.objects.filter(quarter_id__in=quarters).select_related(
                        "quarter", "entered_by"
                    ),
                )
            )
            .order_by("plan__service__name", "position"),
        ),
    )
    contents = {}
    for annex in annexes:
        indicator_rows = []
        for indicator in annex.indicators.all():
            values = sorted(indicator.values.all(), key=lambda item: item.financial_year.start_year)
            cells = [core_selectors.benchmark_cell(indicator, item) for item in values]
            chart = charts.rank_chart(indicator.title, [(c.year.label, c.rank, c.rank_out_of) for c in cells])
            indicator_rows.append(AnnexIndicator(indicator, cells, chart))
        quarter = annex.session.quarter
        measure_rows = []
        for measure in annex.measures.all():
            figure = next((f for f in measure.figures.all() if f.quarter_id == quarter.pk), None)
            measure_rows.append(AnnexMeasure(measure, figure_cell(measure, quarter, figure)))
        contents[annex.pk] = (indicator_rows, measure_rows)
    return contents


def contributions(annex: Annex) -> dict[str, int]:
    """How many notes each area has written: the Strategy Unit sees who has contributed."""
    counts = {area.label: 0 for area in ContributorArea}
    for note in annex.notes.all() if annex.pk else []:
        counts[note.get_area_display()] += 1
    return counts
