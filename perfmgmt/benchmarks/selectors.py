"""Reads for benchmark indicators and their values."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from perfmgmt.figures import format_figure
from perfmgmt.models import (
    BenchmarkIndicator,
    BenchmarkValue,
    FinancialYear,
    Service,
)


@dataclass(frozen=True)
class BenchmarkCell:
    year: FinancialYear
    value: str
    rank: int | None
    rank_out_of: int | None
    comparator_average: str
    quartile: int | None
    england_average: str


def benchmark_cell(indicator: BenchmarkIndicator, item: BenchmarkValue) -> BenchmarkCell:
    return BenchmarkCell(
        year=item.financial_year,
        value=format_figure(item.value, indicator.unit),
        rank=item.rank,
        rank_out_of=item.rank_out_of,
        comparator_average=format_figure(item.comparator_average, indicator.unit),
        quartile=item.quartile,
        england_average=format_figure(item.england_average, indicator.unit),
    )


def benchmark_indicators() -> QuerySet[BenchmarkIndicator]:
    """Every indicator, by code, with its figures and services fetched in two more queries."""
    return BenchmarkIndicator.objects.prefetch_related(
        Prefetch("values", queryset=BenchmarkValue.objects.select_related("financial_year")),
        Prefetch("services", queryset=Service.objects.order_by("name")),
    ).order_by("code")


def benchmark_list(indicators) -> list[tuple[BenchmarkIndicator, BenchmarkCell | None]]:
    """The indicators given (a page of benchmark_indicators) with their latest figures."""
    rows = []
    for indicator in indicators:
        values = sorted(indicator.values.all(), key=lambda item: item.financial_year.start_year)
        rows.append((indicator, benchmark_cell(indicator, values[-1]) if values else None))
    return rows


def benchmark_page(indicator: BenchmarkIndicator) -> list[BenchmarkCell]:
    values = indicator.values.select_related("financial_year").order_by("financial_year__start_year")
    return [benchmark_cell(indicator, item) for item in values]
