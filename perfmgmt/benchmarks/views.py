"""Benchmark indicator pages and the CSV import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt import charts
from perfmgmt.benchmarks import csv_import as benchmark_csv
from perfmgmt.benchmarks import selectors, services
from perfmgmt.benchmarks.forms import LinkServicesForm, UploadForm
from perfmgmt.benchmarks.permissions import can_import_benchmarks
from perfmgmt.csv_files import CHUNK, csv_response
from perfmgmt.forms_errors import add_service_errors
from perfmgmt.models import BenchmarkImport, BenchmarkIndicator
from perfmgmt.pagination import page_of
from perfmgmt.permissions import can_use_services_pages, require


@require_GET
def benchmark_list(request):
    require(can_use_services_pages(request.user))
    listing = page_of(request, selectors.benchmark_indicators(), label="Pages of indicators")
    return render(
        request,
        "perfmgmt/benchmarks/benchmark_list.html",
        {
            "listing": listing,
            "rows": selectors.benchmark_list(listing.items),
            "can_import": can_import_benchmarks(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def benchmark_detail(request, pk):
    require(can_use_services_pages(request.user))
    indicator = get_object_or_404(BenchmarkIndicator.objects.prefetch_related("services"), pk=pk)
    can_link = can_import_benchmarks(request.user)
    form = LinkServicesForm(
        request.POST if request.method == "POST" else None, initial={"services": list(indicator.services.all())}
    )
    if request.method == "POST":
        require(can_import_benchmarks(request.user))
        if form.is_valid():
            services.link_indicator_to_services(
                indicator=indicator, services=list(form.cleaned_data["services"]), by=request.user
            )
            messages.success(request, "Services saved.")
            return redirect("benchmarks:benchmark_detail", indicator.pk)
    cells = selectors.benchmark_page(indicator)
    chart = charts.rank_chart(indicator.title, [(cell.year.label, cell.rank, cell.rank_out_of) for cell in cells])
    return render(
        request,
        "perfmgmt/benchmarks/benchmark_detail.html",
        {"indicator": indicator, "cells": cells, "chart": chart, "form": form if can_link else None},
    )


@require_GET
def benchmark_template(request):
    require(can_use_services_pages(request.user))
    return csv_response("benchmark-indicators-template.csv", benchmark_csv.COLUMNS, benchmark_csv.TEMPLATE_ROWS)


@require_GET
def benchmark_export(request):
    require(can_use_services_pages(request.user))
    rows = (
        [
            indicator.code,
            indicator.title,
            indicator.unit,
            indicator.polarity,
            indicator.source,
            indicator.comparator_group,
            item.financial_year.label,
            item.value,
            item.rank,
            item.rank_out_of,
            item.comparator_average,
            item.quartile,
            item.england_average,
        ]
        for indicator in selectors.benchmark_indicators().iterator(chunk_size=CHUNK)
        for item in sorted(indicator.values.all(), key=lambda value: value.financial_year.start_year)
    )
    return csv_response("benchmark-indicators.csv", benchmark_csv.COLUMNS, rows)


@require_http_methods(["GET", "POST"])
def benchmark_upload(request):
    require(can_import_benchmarks(request.user))
    form = UploadForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > benchmark_csv.MAX_BYTES:  # refuse before reading it into memory
                raise ValidationError({"file": benchmark_csv.too_large(upload.size)})
            saved = services.upload_benchmarks(filename=upload.name, raw=upload.read(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("benchmarks:benchmark_preview", saved.pk)
    return render(request, "perfmgmt/benchmarks/benchmark_upload.html", {"form": form})


@require_GET
def benchmark_preview(request, pk):
    require(can_import_benchmarks(request.user))
    upload = get_object_or_404(BenchmarkImport, pk=pk)
    parsed = benchmark_csv.parse(upload.content)
    existing = set(
        BenchmarkIndicator.objects.filter(code__in={row.code for row in parsed.rows}).values_list("code", flat=True)
    )
    return render(
        request,
        "perfmgmt/benchmarks/benchmark_preview.html",
        {"upload": upload, "parsed": parsed, "new_codes": sorted({r.code for r in parsed.rows} - existing)},
    )


@require_POST
def benchmark_confirm(request, pk):
    require(can_import_benchmarks(request.user))
    upload = get_object_or_404(BenchmarkImport, pk=pk)
    try:
        upload = services.import_benchmarks(upload=upload, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("benchmarks:benchmark_preview", upload.pk)
    messages.success(request, f"Imported {upload.filename}: {upload.summary}.")
    return redirect("benchmarks:benchmark_list")
