"""Writes for benchmark indicators: the CSV upload, its confirmed import, and links to services."""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from perfmgmt.benchmarks import csv_import as benchmark_csv
from perfmgmt.benchmarks import permissions
from perfmgmt.history import save_with_history
from perfmgmt.models import (
    BenchmarkImport,
    BenchmarkIndicator,
    BenchmarkValue,
    FinancialYear,
    Service,
    User,
)


def _require_strategy_unit(by: User) -> None:
    if not permissions.can_import_benchmarks(by):
        raise PermissionDenied("Only the Strategy Unit can import benchmark indicators.")


@transaction.atomic
def upload_benchmarks(*, filename: str, raw: bytes, by: User) -> BenchmarkImport:
    """Keep an uploaded CSV for preview. Nothing else changes until it is confirmed."""
    _require_strategy_unit(by)
    try:
        text = benchmark_csv.read_upload(raw)
    except benchmark_csv.UploadProblem as problem:
        raise ValidationError({"file": str(problem)}) from None
    upload = BenchmarkImport(filename=filename[:255], content=text, uploaded_by=by)
    save_with_history(upload, f"Uploaded by {by}", by)
    return upload


@transaction.atomic
def import_benchmarks(*, upload: BenchmarkImport, by: User) -> BenchmarkImport:
    """Import every row of a previewed file, or nothing at all if any row has a problem.
    Importing the same figures again changes nothing."""
    _require_strategy_unit(by)
    upload = BenchmarkImport.objects.select_for_update().get(pk=upload.pk)
    if upload.status != BenchmarkImport.Status.PREVIEWED:
        raise ValidationError("This file has already been imported. Upload it again to import it again.")
    parsed = benchmark_csv.parse(upload.content)
    if parsed.problems:
        raise ValidationError("The file has problems, so nothing was imported. Correct them and upload it again.")
    reason = f"Imported from {upload.filename} by {by}"
    outcomes = apply_benchmark_rows(rows=parsed.rows, by=by, reason=reason)
    upload.status = BenchmarkImport.Status.IMPORTED
    upload.imported_at = timezone.now()
    upload.summary = f"{outcomes['created']} new, {outcomes['updated']} changed, {outcomes['unchanged']} unchanged"
    save_with_history(upload, reason, by)
    return upload


@transaction.atomic
def apply_benchmark_rows(*, rows: list[benchmark_csv.ParsedRow], by: User, reason: str) -> Counter:
    """Create or update indicators and their yearly figures from checked rows. What is
    stored is read in three queries up front; only new or changed rows are written, so
    re-importing a large file costs almost nothing and adds no history."""
    _require_strategy_unit(by)
    years = {
        year.start_year: year for year in FinancialYear.objects.filter(start_year__in={r.start_year for r in rows})
    }
    for start_year in {row.start_year for row in rows} - set(years):
        years[start_year] = FinancialYear.objects.create(start_year=start_year)
    indicators = {i.code: i for i in BenchmarkIndicator.objects.filter(code__in={row.code for row in rows})}
    stored = {
        (value.indicator_id, value.financial_year_id): value
        for value in BenchmarkValue.objects.filter(indicator__in=indicators.values())
    }
    outcomes = Counter()
    for row in rows:
        indicator = indicators.get(row.code) or BenchmarkIndicator(code=row.code)
        wanted = {
            "title": row.title,
            "unit": row.unit,
            "polarity": row.polarity,
            "source": row.source,
            "comparator_group": row.comparator_group,
        }
        if indicator.pk is None or any(getattr(indicator, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(indicator, name, value)
            save_with_history(indicator, reason, by)
            indicators[row.code] = indicator
        year = years[row.start_year]
        value = stored.get((indicator.pk, year.pk)) or BenchmarkValue(indicator=indicator, financial_year=year)
        figures = {
            "value": row.value,
            "rank": row.rank,
            "rank_out_of": row.out_of,
            "comparator_average": row.comparator_average,
            "quartile": row.quartile,
            "england_average": row.england_average,
        }
        if value.pk is not None and all(getattr(value, name) == figure for name, figure in figures.items()):
            outcomes["unchanged"] += 1
            continue
        outcomes["created" if value.pk is None else "updated"] += 1
        for name, figure in figures.items():
            setattr(value, name, figure)
        save_with_history(value, reason, by)
    return outcomes


@transaction.atomic
def link_indicator_to_services(*, indicator: BenchmarkIndicator, services: list[Service], by: User):
    _require_strategy_unit(by)
    indicator._history_user = by
    indicator.services.set(services)
    return indicator
