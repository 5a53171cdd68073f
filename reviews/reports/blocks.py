"""The blocks of the quarter's data that a template's sections print besides paragraphs:
a table of measures and the summary counts with their chart. They are drawn afresh from
the scorecard each time a draft is shown, and frozen when the report is published, since
the published files are stored as they were. (Blocks that are paragraphs, such as the
exceptions and the Board's issues, are written by drafting.py, so they can be edited.)"""

from dataclasses import dataclass, replace

from perfmgmt.charts import Chart, status_bars
from perfmgmt.plans.selectors import ScorecardRow, council_scorecard
from perfmgmt.rag import Rag
from reviews.models import CommitteeReport, TemplateSection
from reviews.reports.numbering import NumberedSection

Block = TemplateSection.Block
Column = TemplateSection.KpiColumn
DEFAULT_COLUMNS = [Column.TARGET, Column.ACTUAL, Column.STATUS, Column.SINCE_LAST_QUARTER, Column.FORECAST]
KPI_STATUSES = {
    TemplateSection.KpiStatus.RED: {Rag.RED},
    TemplateSection.KpiStatus.RED_AMBER: {Rag.RED, Rag.AMBER},
}


@dataclass(frozen=True)
class KpiTable:
    caption: str
    headings: list[str]  # after "Measure" and "Service"
    rows: list[tuple[ScorecardRow, list[str]]]  # each row's cells in the chosen columns' order


@dataclass(frozen=True)
class SummaryCounts:
    counts: list[tuple[str, str, int]]  # (status, label, how many), red first
    chart: Chart

    @property
    def total(self) -> int:
        return sum(number for _, _, number in self.counts)


def cell(row: ScorecardRow, column: str) -> str:
    values = {
        Column.TARGET: row.target,
        Column.ACTUAL: row.actual,
        Column.STATUS: row.rag.label,
        Column.FORECAST: row.forecast.split(":")[0],
        Column.SINCE_LAST_QUARTER: row.since_last_quarter.label,
        Column.SINCE_LAST_YEAR: row.since_last_year.label,
        Column.COMMENTARY: row.commentary,
        Column.CORRECTIVE_ACTION: row.corrective_action,
    }
    return values[column] or "–"


def kpi_rows(report: CommitteeReport, section: TemplateSection) -> list[ScorecardRow]:
    """The measures the section's table shows: the scorecard's, as it has them, red first."""
    rows = council_scorecard(report.quarter, directorate=section.kpi_directorate, service=section.kpi_service)
    statuses = KPI_STATUSES.get(section.kpi_status)
    rows = [row for row in rows if statuses is None or row.rag in statuses]
    if section.titles:  # a named set, in the order given
        order = {title.casefold(): place for place, title in enumerate(section.titles)}
        rows = sorted(
            (row for row in rows if row.measure.title.casefold() in order),
            key=lambda row: order[row.measure.title.casefold()],
        )
    return rows


def kpi_table(report: CommitteeReport, section: TemplateSection) -> KpiTable:
    columns = section.columns or DEFAULT_COLUMNS
    scope = section.kpi_service or section.kpi_directorate
    caption = f"Measures{f' for {scope}' if scope else ''}, {report.quarter.label}"
    rows = [(row, [cell(row, column) for column in columns]) for row in kpi_rows(report, section)]
    return KpiTable(caption, [Column(column).label for column in columns], rows)


def scorecard_table(report: CommitteeReport) -> KpiTable:
    """The scorecard of every measure for the quarter, as an appendix prints it."""
    columns = [*DEFAULT_COLUMNS[:4], Column.SINCE_LAST_YEAR, Column.FORECAST]
    rows = [(row, [cell(row, column) for column in columns]) for row in council_scorecard(report.quarter)]
    return KpiTable(f"Scorecard of measures, {report.quarter.label}", [Column(c).label for c in columns], rows)


def status_counts(report: CommitteeReport) -> SummaryCounts:
    rows = council_scorecard(report.quarter)
    counts = [(rag.value, rag.label, sum(1 for row in rows if row.rag == rag)) for rag in Rag]
    chart = status_bars(counts, f"Measures by status, {report.quarter.label}")
    return SummaryCounts(counts, chart)


def with_block(report: CommitteeReport, section: NumberedSection) -> NumberedSection:
    """The section with what its block draws, for the blocks that are not paragraphs."""
    if section.section.block == Block.KPI_TABLE:
        return replace(section, block=kpi_table(report, section.section))
    if section.section.block == Block.SUMMARY_COUNTS:
        return replace(section, block=status_counts(report))
    return section
