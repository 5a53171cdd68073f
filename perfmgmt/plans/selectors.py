"""Reads for business plans, measures, figures and the scorecard."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, Round
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from perfmgmt import charts
from perfmgmt.figures import Unit, format_figure
from perfmgmt.models import (
    BusinessPlan,
    Directorate,
    FinancialYear,
    Measure,
    MeasureFigure,
    Objective,
    Quarter,
    Service,
    User,
)
from perfmgmt.permissions import services_visible_to
from perfmgmt.rag import Direction, Polarity, Rag, direction_of_travel, rag_status
from perfmgmt.roles import Role


@dataclass(frozen=True)
class PlanRow:
    service: Service
    plan: BusinessPlan | None
    can_start: bool


def plan_rows(user: User, financial_year: FinancialYear, services) -> list[PlanRow]:
    """The services given (a page of those the user can see), each with its plan for the
    year (or none yet)."""
    services = list(services)
    plans = {
        plan.service_id: plan
        for plan in BusinessPlan.objects.filter(financial_year=financial_year, service__in=[s.pk for s in services])
    }
    rows = []
    for service in services:
        heads = {head.pk for head in service.heads.all()}
        can_start = service.pk not in plans and user.pk in heads and user.has_role(Role.HEAD_OF_SERVICE)
        rows.append(PlanRow(service, plans.get(service.pk), can_start))
    return rows


@dataclass(frozen=True)
class FigureCell:
    quarter: Quarter
    target_value: Decimal | None
    actual_value: Decimal | None
    target: str
    actual: str
    rag: Rag
    forecast: str
    commentary: str
    entered: str = ""
    correction_reason: str = ""


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    unit_label: str
    year_end_target: str
    cells: list[FigureCell]


def figure_cell(measure: Measure, quarter: Quarter, figure: MeasureFigure | None) -> FigureCell:
    target = figure.target if figure else None
    actual = figure.actual if figure else None
    return FigureCell(
        quarter=quarter,
        target_value=target,
        actual_value=actual,
        target=format_figure(target, measure.unit),
        actual=format_figure(actual, measure.unit),
        rag=rag_status(actual=actual, target=target, tolerance=measure.amber_tolerance, polarity=measure.polarity),
        forecast=figure.get_forecast_display() if figure and figure.forecast else "",
        commentary=figure.commentary if figure else "",
        entered=(
            f"{timezone.localtime(figure.entered_at):%-d %B %Y} by {figure.entered_by}"
            if figure and figure.entered_at and figure.entered_by_id
            else ""
        ),
        correction_reason=figure.correction_reason if figure else "",
    )


def plan_page(plan: BusinessPlan) -> tuple[BusinessPlan, list[Quarter], list[MeasureRow]]:
    """The plan with its objectives, and a row per measure with each quarter's figures."""
    plan = (
        BusinessPlan.objects.select_related(
            "service__directorate__strategic_director", "financial_year", "submitted_by", "decided_by"
        )
        .prefetch_related("objectives")
        .get(pk=plan.pk)
    )
    quarters = list(plan.financial_year.quarters.order_by("number"))
    measures = plan.measures.select_related("owner", "objective").prefetch_related(
        Prefetch("figures", queryset=MeasureFigure.objects.select_related("quarter", "entered_by"))
    )
    rows = []
    for measure in measures:
        by_quarter = {figure.quarter_id: figure for figure in measure.figures.all()}
        rows.append(
            MeasureRow(
                measure=measure,
                unit_label=Unit(measure.unit).label,
                year_end_target=format_figure(measure.year_end_target, measure.unit),
                cells=[figure_cell(measure, quarter, by_quarter.get(quarter.pk)) for quarter in quarters],
            )
        )
    return plan, quarters, rows


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: User | None
    what: str
    item: str


def plan_history(plan: BusinessPlan, limit: int = 50) -> list[HistoryEntry]:
    """Every recorded change to the plan, its objectives, measures and figures, newest
    first: four queries, however long the history."""
    measure_ids = set(Measure.history.filter(plan_id=plan.pk).values_list("id", flat=True))
    sources = [
        (plan.history.all(), lambda entry: "The plan"),
        (Objective.history.filter(plan_id=plan.pk), lambda entry: f"Objective: {entry.title}"),
        (Measure.history.filter(plan_id=plan.pk), lambda entry: f"Measure: {entry.title}"),
        (
            MeasureFigure.history.filter(measure_id__in=measure_ids).select_related("quarter__financial_year"),
            lambda entry: f"Figures: {entry.quarter.label}",
        ),
    ]
    entries = []
    for rows, describe in sources:
        for entry in rows.select_related("history_user").order_by("-history_date")[:limit]:
            what = entry.history_change_reason or {"+": "Created", "~": "Changed", "-": "Removed"}[entry.history_type]
            entries.append(HistoryEntry(entry.history_date, entry.history_user, what, describe(entry)))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


def measure_page(measure: Measure, years: int = 3) -> list[tuple[Measure, list[FigureCell]]]:
    """The measure and the same measure in up to two earlier years' plans, each with its
    quarters' figures, oldest first. The depth is fixed, so the query count is too."""
    chain = Measure.objects.select_related(
        "plan__financial_year", "carried_from__plan__financial_year", "carried_from__carried_from__plan__financial_year"
    ).get(pk=measure.pk)
    measures = []
    current = chain
    while current is not None and len(measures) < years:
        measures.append(current)
        current = current.carried_from if len(measures) < years else None
    figures = MeasureFigure.objects.filter(measure__in=measures).select_related("quarter__financial_year", "entered_by")
    by_key = {(figure.measure_id, figure.quarter.number): figure for figure in figures}
    years_used = FinancialYear.objects.filter(pk__in=[m.plan.financial_year_id for m in measures])
    quarters_by_year = {
        year.pk: sorted(year.quarters.all(), key=lambda quarter: quarter.number)
        for year in years_used.prefetch_related("quarters")
    }
    result = []
    for item in reversed(measures):
        quarters = quarters_by_year[item.plan.financial_year_id]
        result.append((item, [figure_cell(item, q, by_key.get((item.pk, q.number))) for q in quarters]))
    return result


@dataclass(frozen=True)
class ScorecardRow:
    measure: Measure
    service: Service
    directorate: Directorate
    actual_value: Decimal | None
    target_value: Decimal | None
    actual: str
    target: str
    rag: Rag
    since_last_quarter: Direction
    since_last_year: Direction
    forecast: str
    commentary: str
    corrective_action: str
    trend: list[Decimal | None]

    @property
    def sparkline(self):
        values = ", ".join(format_figure(value, self.measure.unit) or "none" for value in self.trend)
        return charts.sparkline(self.trend, f"Last {len(self.trend)} quarters, oldest first: {values}")


def scorecard(user: User, quarter: Quarter, **filters) -> QuerySet[Measure]:
    """Every measure the user can see for the quarter, red first (scorecard_measures, with
    its filters): the page cuts it, scorecard_rows draws the rows of the page."""
    return scorecard_measures(quarter, services=services_visible_to(user), **filters)


def council_scorecard(
    quarter: Quarter, *, directorate: Directorate | None = None, service: Service | None = None
) -> list[ScorecardRow]:
    """The scorecard of every service: what a committee report prints."""
    return scorecard_rows(scorecard_measures(quarter, directorate=directorate, service=service), quarter)


def _rag_in_sql(actual: str, target: str) -> tuple[Case, Case]:
    """rag_status and Rag.severity as database expressions, so that the scorecard can be
    filtered, ordered red first, counted and cut into pages in the database."""
    # Rounded to the columns' four places: SQLite keeps decimals as floating point, where
    # 1.1 - 1.0 is a little over 0.1, and a miss of exactly the tolerance must stay amber.
    shortfall = Round(
        Case(
            When(polarity=Polarity.HIGHER_IS_BETTER, then=F(target) - F(actual)),
            default=F(actual) - F(target),
            output_field=DecimalField(),
        ),
        4,
    )
    tolerance = Coalesce("amber_tolerance", Value(Decimal(0)), output_field=DecimalField())
    missing = Q(**{f"{actual}__isnull": True}) | Q(**{f"{target}__isnull": True})
    rag = Case(  # in rag_status's own order
        When(missing, then=Value(Rag.NO_DATA.value)),
        When(LessThanOrEqual(shortfall, Value(Decimal(0))), then=Value(Rag.GREEN.value)),
        When(LessThanOrEqual(shortfall, tolerance), then=Value(Rag.AMBER.value)),
        default=Value(Rag.RED.value),
        output_field=CharField(),
    )
    severity = Case(
        *(When(rag=status.value, then=Value(status.severity)) for status in Rag),
        output_field=IntegerField(),
    )
    return rag, severity


def scorecard_measures(
    quarter: Quarter,
    *,
    directorate: Directorate | None = None,
    service: Service | None = None,
    rag: Rag | None = None,
    services: QuerySet[Service] | None = None,
) -> QuerySet[Measure]:
    """The year's measures, red first, each annotated with its status in the quarter
    (`rag`): a queryset, so that a page of it is cut, and its statuses counted, in the
    database however many measures the council has."""
    year = quarter.financial_year.start_year
    measures = Measure.objects.filter(plan__financial_year__start_year=year)
    if services is not None:
        measures = measures.filter(plan__service__in=services)
    if directorate is not None:
        measures = measures.filter(plan__service__directorate=directorate)
    if service is not None:
        measures = measures.filter(plan__service=service)
    # One join to the quarter's figure (there is at most one: a unique constraint).
    measures = measures.annotate(current=FilteredRelation("figures", condition=Q(figures__quarter=quarter)))
    status, severity = _rag_in_sql("current__actual", "current__target")
    measures = measures.annotate(rag=status).annotate(severity=severity)
    if rag is not None:
        measures = measures.filter(rag=rag.value)
    return measures.select_related("plan__service__directorate", "owner").order_by(
        "severity", "plan__service__name", "position", "pk"
    )


def scorecard_counts(measures: QuerySet[Measure]) -> dict[Rag, int]:
    """How many of the measures are red, amber, green and without data: one query."""
    counts = measures.order_by().aggregate(**{status.value: Count("pk", filter=Q(rag=status.value)) for status in Rag})
    return {status: counts[status.value] for status in Rag}


def scorecard_rows(measures, quarter: Quarter) -> list[ScorecardRow]:
    """The scorecard's rows for these measures (all of them, or a page), in their order:
    status, direction of travel against last quarter and the same quarter last year,
    and the trend over the last eight quarters. Two queries, whatever the number."""
    year = quarter.financial_year.start_year
    measures = list(measures)
    ids = {m.pk for m in measures} | {m.carried_from_id for m in measures if m.carried_from_id}
    figures = {
        (figure.measure_id, figure.quarter.financial_year.start_year, figure.quarter.number): figure
        for figure in MeasureFigure.objects.filter(
            measure_id__in=ids,
            quarter_id__in=Quarter.objects.filter(financial_year__start_year__in=[year - 1, year]).values("pk"),
        ).select_related("quarter__financial_year")
    }

    def actual_at(measure: Measure, when) -> Decimal | None:
        """The measure's actual in a quarter, following it into last year's plan."""
        measure_id = measure.pk if when.start_year == year else measure.carried_from_id
        figure = figures.get((measure_id, when.start_year, when.number))
        return figure.actual if figure else None

    ref = quarter.ref
    trend_refs = [ref]
    while len(trend_refs) < 8:
        trend_refs.insert(0, trend_refs[0].previous())
    trend_refs = [when for when in trend_refs if when.start_year >= year - 1]
    rows = []
    for measure in measures:
        current = figures.get((measure.pk, year, ref.number))
        actual = current.actual if current else None
        target = current.target if current else None
        rows.append(
            ScorecardRow(
                measure=measure,
                service=measure.plan.service,
                directorate=measure.plan.service.directorate,
                actual_value=actual,
                target_value=target,
                actual=format_figure(actual, measure.unit),
                target=format_figure(target, measure.unit),
                rag=rag_status(
                    actual=actual, target=target, tolerance=measure.amber_tolerance, polarity=measure.polarity
                ),
                since_last_quarter=direction_of_travel(
                    current=actual, earlier=actual_at(measure, ref.previous()), polarity=measure.polarity
                ),
                since_last_year=direction_of_travel(
                    current=actual, earlier=actual_at(measure, ref.same_quarter_last_year()), polarity=measure.polarity
                ),
                forecast=current.get_forecast_display() if current and current.forecast else "",
                commentary=current.commentary if current else "",
                corrective_action=current.corrective_action if current else "",
                trend=[actual_at(measure, when) for when in trend_refs],
            )
        )
    return rows


def measure_titles(titles: list[str]) -> set[str]:
    """Which of these titles (casefolded) some plan's measure has: a report template's named set."""
    wanted = {title.casefold() for title in titles}
    found = Measure.objects.annotate(lowered=Lower("title")).filter(lowered__in=wanted).values_list("title", flat=True)
    return {title.casefold() for title in found}
