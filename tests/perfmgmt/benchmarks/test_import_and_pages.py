"""Benchmark indicators: CSV import (preview, all or nothing, idempotent), pages, export."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt.benchmarks import csv_import as benchmark_csv
from perfmgmt.models import BenchmarkImport, BenchmarkIndicator, BenchmarkValue
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

HEADER = ",".join(benchmark_csv.COLUMNS)


def row(code="KS4", year=2010, value="47.1", rank="148", out_of="152", title="GCSE results"):
    period = f"{year}/{(year + 1) % 100:02d}"
    group = "All English single-tier authorities"
    return f"{code},{title},percentage,higher,CIPFA,{group},{period},{value},{rank},{out_of},58.2,4,58.9"


def hundred_rows() -> list[str]:
    return [row(code=f"IND{n // 4}", year=2000 + n % 4, title=f"Indicator {n // 4}") for n in range(100)]


def upload(client, content: bytes, name="figures.csv"):
    return client.post(reverse("benchmarks:benchmark_upload"), {"file": SimpleUploadedFile(name, content, "text/csv")})


def test_a_valid_file_previews_then_imports_on_confirmation(client, org):
    client.force_login(org.strategy_officer)
    response = upload(client, "\n".join([HEADER, *hundred_rows()]).encode())
    saved = BenchmarkImport.objects.get()
    assert response["Location"] == reverse("benchmarks:benchmark_preview", args=[saved.pk])
    assert not BenchmarkValue.objects.exists()  # nothing yet: only a preview
    page = client.get(response["Location"]).content.decode()
    assert "100 rows can be imported" in page
    client.post(reverse("benchmarks:benchmark_confirm", args=[saved.pk]))
    assert BenchmarkIndicator.objects.count() == 25
    assert BenchmarkValue.objects.count() == 100
    saved.refresh_from_db()
    assert saved.summary == "100 new, 0 changed, 0 unchanged"


def test_one_bad_row_among_a_hundred_imports_nothing_and_names_the_row(client, org):
    rows = hundred_rows()
    rows[56] = row(code="IND14", year=2000, value="about forty", title="Indicator 14")
    client.force_login(org.strategy_officer)
    response = upload(client, "\n".join([HEADER, *rows]).encode())
    page = client.get(response["Location"]).content.decode()
    assert "nothing can be imported" in page
    assert '<td class="govuk-table__cell">58</td><td class="govuk-table__cell">value</td>' in page
    assert "&#x27;about forty&#x27; is not a number" in page
    assert "Import 99 rows" not in page
    response = client.post(
        reverse("benchmarks:benchmark_confirm", args=[BenchmarkImport.objects.get().pk]), follow=True
    )
    assert "nothing was imported" in response.content.decode()
    assert not BenchmarkValue.objects.exists() and not BenchmarkIndicator.objects.exists()


def test_importing_the_same_file_twice_makes_no_duplicates_and_no_history(client, org):
    content = "\n".join([HEADER, row(year=2009), row(year=2010)]).encode()
    client.force_login(org.strategy_officer)
    for _ in range(2):
        response = upload(client, content)
        client.post(reverse("benchmarks:benchmark_confirm", args=[response["Location"].rstrip("/").split("/")[-1]]))
    assert BenchmarkValue.objects.count() == 2
    assert BenchmarkValue.history.count() == 2
    assert BenchmarkImport.objects.first().summary == "0 new, 0 changed, 2 unchanged"


def test_a_changed_figure_updates_and_is_recorded(client, org):
    client.force_login(org.strategy_officer)
    for value in ("47.1", "47.3"):
        response = upload(client, "\n".join([HEADER, row(value=value)]).encode())
        client.post(reverse("benchmarks:benchmark_confirm", args=[response["Location"].rstrip("/").split("/")[-1]]))
    value = BenchmarkValue.objects.get()
    assert str(value.value) == "47.3000"
    assert value.history.first().history_user == org.strategy_officer


def test_a_confirmed_import_cannot_be_confirmed_again(client, org):
    client.force_login(org.strategy_officer)
    response = upload(client, "\n".join([HEADER, row()]).encode())
    pk = response["Location"].rstrip("/").split("/")[-1]
    client.post(reverse("benchmarks:benchmark_confirm", args=[pk]))
    response = client.post(reverse("benchmarks:benchmark_confirm", args=[pk]), follow=True)
    assert "already been imported" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"   \r\n  ", "The file is empty"),
        (f"{HEADER}\n{row(title='Caf\u00e9 \u00a3')}".encode("cp1252"), "not saved as UTF-8"),
        (b"code,title\nX,Y\n", "Missing column"),
        (HEADER.encode(), "has a header row but no figures"),
    ],
    ids=["empty", "blank", "wrong-encoding", "missing-columns", "header-only"],
)
def test_unreadable_files_get_a_clear_message(client, org, content, message):
    client.force_login(org.strategy_officer)
    response = upload(client, content)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert message in response.content.decode()
    assert not BenchmarkValue.objects.exists()


def test_a_bom_and_windows_line_endings_are_fine(client, org):
    client.force_login(org.strategy_officer)
    content = ("\ufeff" + "\r\n".join([HEADER, row(year=2009), row(year=2010)]) + "\r\n").encode("utf-8")
    response = upload(client, content)
    client.post(reverse("benchmarks:benchmark_confirm", args=[response["Location"].rstrip("/").split("/")[-1]]))
    assert BenchmarkValue.objects.count() == 2
    assert BenchmarkIndicator.objects.get().code == "KS4"


def test_a_very_large_file_is_refused_politely(client, org):
    client.force_login(org.strategy_officer)
    big = (HEADER + "\n" + (row() + "\n") * 30000).encode()
    assert len(big) > benchmark_csv.MAX_BYTES
    response = upload(client, big)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Upload a file of 2 MB or less" in page
    assert 'class="govuk-error-summary"' in page
    assert not BenchmarkImport.objects.exists()


def test_duplicates_and_inconsistent_rows_within_a_file_are_reported():
    parsed = benchmark_csv.parse(
        "\n".join([HEADER, row(year=2010), row(year=2010), row(year=2011, title="Another title"), row(rank="200")])
    )
    messages = [(p.row, p.column, p.message) for p in parsed.problems]
    assert (3, "period", "KS4 for this period is already on row 2") in messages
    assert (4, "title", "KS4 is described differently on an earlier row") in messages
    assert (5, "rank", "Rank 200 is more than out of 152") in messages


def test_the_template_is_a_valid_import(client, org):
    client.force_login(org.strategy_officer)
    content = client.get(reverse("benchmarks:benchmark_template")).getvalue().decode("utf-8-sig")
    parsed = benchmark_csv.parse(content)
    assert parsed.problems == [] and len(parsed.rows) == 1


def test_export_neutralises_formula_looking_cells(client, org):
    client.force_login(org.strategy_officer)
    response = upload(client, "\n".join([HEADER, row(code="@SUM(A1)", title="=cmd|' /C calc'!A0")]).encode())
    client.post(reverse("benchmarks:benchmark_confirm", args=[response["Location"].rstrip("/").split("/")[-1]]))
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("benchmarks:benchmark_export")).getvalue().decode("utf-8-sig")))
    )
    assert rows[1][0] == "'@SUM(A1)"
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert rows[1][8] == "148"


def expected(view: str, persona: str) -> int:
    reader = persona not in {"legal", "finance", "clerk", "member"}
    if view in {"benchmark_list", "benchmark_detail", "benchmark_template", "benchmark_export"}:
        return 200 if reader else 403
    return 200 if persona == "strategy_officer" else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix_for_benchmark_pages(client, org, persona):
    client.force_login(org.strategy_officer)
    upload(client, "\n".join([HEADER, row()]).encode())
    saved = BenchmarkImport.objects.get()
    client.post(reverse("benchmarks:benchmark_confirm", args=[saved.pk]))
    indicator = BenchmarkIndicator.objects.get()
    client.force_login(org.persona(persona))
    urls = {
        "benchmark_list": reverse("benchmarks:benchmark_list"),
        "benchmark_detail": reverse("benchmarks:benchmark_detail", args=[indicator.pk]),
        "benchmark_template": reverse("benchmarks:benchmark_template"),
        "benchmark_export": reverse("benchmarks:benchmark_export"),
        "benchmark_upload": reverse("benchmarks:benchmark_upload"),
        "benchmark_preview": reverse("benchmarks:benchmark_preview", args=[saved.pk]),
    }
    for view, url in urls.items():
        assert client.get(url).status_code == expected(view, persona), (view, persona)
    if persona != "strategy_officer":
        assert upload(client, "\n".join([HEADER, row(code="NEW")]).encode()).status_code == 403
        assert client.post(reverse("benchmarks:benchmark_confirm", args=[saved.pk])).status_code == 403
        response = client.post(
            reverse("benchmarks:benchmark_detail", args=[indicator.pk]), {"services": [org.service.pk]}
        )
        assert response.status_code == 403
        assert BenchmarkImport.objects.count() == 1 and not indicator.services.exists()


def test_the_strategy_unit_links_an_indicator_to_services(client, org):
    client.force_login(org.strategy_officer)
    upload(client, "\n".join([HEADER, row()]).encode())
    client.post(reverse("benchmarks:benchmark_confirm", args=[BenchmarkImport.objects.get().pk]))
    indicator = BenchmarkIndicator.objects.get()
    client.post(reverse("benchmarks:benchmark_detail", args=[indicator.pk]), {"services": [org.service.pk]})
    assert list(indicator.services.all()) == [org.service]


def test_indicator_page_shows_the_rank_chart_and_its_table(client, org):
    client.force_login(org.strategy_officer)
    upload(client, "\n".join([HEADER, row(year=2009, rank="150"), row(year=2010, rank="148")]).encode())
    client.post(reverse("benchmarks:benchmark_confirm", args=[BenchmarkImport.objects.get().pk]))
    page = client.get(
        reverse("benchmarks:benchmark_detail", args=[BenchmarkIndicator.objects.get().pk])
    ).content.decode()
    assert "GCSE results: rank among comparable authorities</title>" in page
    assert "2009/10: ranked 150 of 152; 2010/11: ranked 148 of 152." in page
    assert "148 of 152" in page


def test_benchmark_list_query_count_does_not_grow(client, org):
    client.force_login(org.strategy_officer)
    counts = []
    for rows in ([row()], hundred_rows()):
        upload(client, "\n".join([HEADER, *rows]).encode())
        client.post(reverse("benchmarks:benchmark_confirm", args=[BenchmarkImport.objects.first().pk]))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("benchmarks:benchmark_list"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
