"""Annexes: contributors' notes by area, the Strategy Unit's choices, and the session pack
as a real, tagged PDF that fetches nothing but the app's own static files."""

import io
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from perfmgmt.models import DmtGrouping, Quarter
from perfmgmt.roles import ContributorArea, Role
from reviews import pdf
from reviews.annexes import services
from reviews.board.services import agree_action, record_outcome, refresh_agenda, schedule_session
from reviews.models import AnnexNote, DocumentJob
from tests.conftest import PERSONAS
from tests.factories import (
    BusinessPlanFactory,
    MeasureFactory,
    MeasureFigureFactory,
    SubmittedWorryListFactory,
    UserFactory,
    WorryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(org):
    quarter = Quarter.objects.get()
    worry_list = SubmittedWorryListFactory(service=org.service, quarter=quarter)
    WorryFactory(worry_list=worry_list, title="Attainment at Key Stage 4", ask="Support the fresh analysis")
    return schedule_session(
        quarter=quarter,
        grouping=DmtGrouping.objects.get(name="Children and young people"),
        on=date(2012, 2, 7),
        attendees=[org.director],
        by=org.strategy_officer,
    )


@pytest.fixture
def risk(org):
    return UserFactory(username="joanne", roles=[Role.CONTRIBUTOR], contributor_area=ContributorArea.RISK_MANAGEMENT)


def note(annex, user, service, concern="A concern"):
    return services.save_note(
        annex=annex, by=user, service=service, concern=concern, rating="high", source_reference="AR-12/03"
    )


def test_contributors_see_only_their_own_area_until_the_annex_is_ready(client, org, session, risk):
    annex = services.annex_for(session)
    note(annex, org.contributor, org.service, "Audit finding on school funding")
    note(annex, risk, org.service, "Risk register: recruitment")
    client.force_login(risk)
    page = client.get(reverse("annexes:annex_detail", args=[session.pk])).content.decode()
    assert "Risk register: recruitment" in page and "Audit finding" not in page
    audit_note = AnnexNote.objects.get(area=ContributorArea.INTERNAL_AUDIT)
    assert client.get(reverse("annexes:note_edit", args=[session.pk, audit_note.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.save_note(
            annex=annex,
            by=risk,
            note=audit_note,
            service=org.service,
            concern="Hijack",
            rating="low",
            source_reference="",
        )
    services.mark_annex_ready(annex=annex, by=org.strategy_officer)
    page = client.get(reverse("annexes:annex_detail", args=[session.pk])).content.decode()
    assert "Audit finding on school funding" in page
    with pytest.raises(PermissionDenied):
        note(annex, risk, org.service, "Too late")
    assert AnnexNote.objects.get(pk=audit_note.pk).concern == "Audit finding on school funding"


def test_a_note_must_be_on_a_service_of_the_grouping(client, org, session):
    client.force_login(org.contributor)
    response = client.post(
        reverse("annexes:note_add", args=[session.pk]),
        {"service": org.other_service.pk, "concern": "Elsewhere", "rating": "high"},
    )
    assert "Select a valid choice" in response.content.decode() or "grouping" in response.content.decode()
    assert not AnnexNote.objects.exists()


def test_the_strategy_unit_sees_who_has_contributed_and_marks_the_annex_ready(client, org, session):
    note(services.annex_for(session), org.contributor, org.service)
    client.force_login(org.strategy_officer)
    page = client.get(reverse("annexes:annex_detail", args=[session.pk])).content.decode()
    assert "Internal Audit: 1 note" in page and "Risk Management: 0 notes" in page
    assert f"{org.contributor}, " in page  # who wrote each note
    client.post(reverse("annexes:annex_ready", args=[session.pk]))
    assert services.annex_for(session).ready_by == org.strategy_officer


def expected(view, persona):
    if persona in {"strategy_officer"}:
        return 200
    if view in {"annex_list", "annex_detail"}:
        return (
            200 if persona in {"director", "other_director", "contributor"} else (403 if view == "annex_list" else 404)
        )
    if view in {"session_pack", "session_pack_pdf"}:
        return 200 if persona in {"director", "other_director"} else (403 if persona == "contributor" else 404)
    if view == "note_add":
        return 200 if persona == "contributor" else (403 if persona in {"director", "other_director"} else 404)
    return 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix_for_annex_and_pack_pages(client, org, session, persona):
    client.force_login(org.persona(persona))
    urls = {
        "annex_list": reverse("annexes:annex_list"),
        "annex_detail": reverse("annexes:annex_detail", args=[session.pk]),
        "note_add": reverse("annexes:note_add", args=[session.pk]),
        "session_pack": reverse("annexes:session_pack", args=[session.pk]),
        "session_pack_pdf": reverse("annexes:session_pack_pdf", args=[session.pk]),
    }
    for view, url in urls.items():
        if persona == "strategy_officer" and view == "note_add":
            assert client.get(url).status_code == 403
            continue
        if view == "session_pack_pdf":  # asked for with a POST; made in the background
            allowed = expected(view, persona) == 200
            assert client.post(url).status_code == (302 if allowed else expected(view, persona)), (view, persona)
            continue
        assert client.get(url).status_code == expected(view, persona), (view, persona)


@pytest.mark.parametrize("persona", ["head", "director", "contributor", "clerk", "member", "administrator"])
def test_only_the_strategy_unit_compiles_and_readies_the_annex(client, org, session, persona):
    client.force_login(org.persona(persona))
    assert client.post(reverse("annexes:annex_ready", args=[session.pk])).status_code in (403, 404)
    assert client.post(reverse("annexes:annex_contents", args=[session.pk]), {}).status_code in (403, 404)
    assert not services.annex_for(session).is_ready


def pdf_for(client, org, session):
    client.force_login(org.strategy_officer)
    progress = client.post(reverse("annexes:session_pack_pdf", args=[session.pk]), follow=True)
    job = DocumentJob.objects.get(session=session, requested_by=org.strategy_officer, state="done")
    assert progress.redirect_chain[-1][0] == reverse("annexes:pack_pdf_progress", args=[session.pk, job.pk])
    file_url = reverse("annexes:pack_pdf_file", args=[session.pk, job.pk])
    assert "Download the pack (PDF)" in progress.content.decode() and file_url in progress.content.decode()
    response = client.get(file_url)
    assert response["Content-Type"] == "application/pdf"
    return response, PdfReader(io.BytesIO(response.content))


def test_the_session_pack_pdf_has_the_worries_indicators_and_notes_and_is_tagged(client, org, session):
    annex = services.annex_for(session)
    from perfmgmt.benchmarks import csv_import as benchmark_csv
    from perfmgmt.benchmarks import services as core_services

    rows = benchmark_csv.parse(
        ",".join(benchmark_csv.COLUMNS)
        + "\nKS4,GCSE results,percentage,higher,CIPFA,All English authorities,2010/11,47.1,148,152,58.2,4,58.9"
    ).rows
    core_services.apply_benchmark_rows(rows=rows, by=org.strategy_officer, reason="test")
    measure = MeasureFactory(plan=BusinessPlanFactory(service=org.service), title="5 GCSEs")
    MeasureFigureFactory(measure=measure, quarter=session.quarter, actual=47, target=52)
    from perfmgmt.models import BenchmarkIndicator

    services.set_annex_contents(
        annex=annex, indicators=[BenchmarkIndicator.objects.get()], measures=[measure], by=org.strategy_officer
    )
    note(annex, org.contributor, org.service, "School funding controls need strengthening")
    response, reader = pdf_for(client, org, session)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected_text in [
        "Attainment at Key Stage 4",
        "Support the fresh analysis",
        "GCSE results",
        "148 of 152",
        "5 GCSEs",
        "School funding controls need strengthening",
        "Internal Audit",
    ]:
        assert expected_text in text, expected_text
    assert "Page 1 of" in text
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title.startswith("Children and young people: Board pack")
    assert 'filename="board-pack-children-and-young-people-q3-2011-12.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    "nasty",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/hostname">',
        "http://127.0.0.1:9/steal",
        "<style>@import url(http://127.0.0.1:9/x.css);</style>",
        "<script>alert(1)</script>",
    ],
)
def test_user_text_in_the_pack_is_text_and_makes_the_renderer_fetch_nothing(client, org, session, nasty, monkeypatch):
    note(services.annex_for(session), org.contributor, org.service, f"Concern {nasty}")
    fetchers = []
    render = pdf.render_pdf

    def watched(html, fetcher=None, **options):  # the render's own process reports what it fetched
        fetchers.append(pdf.StaticFilesOnly())
        return render(html, fetchers[-1], **options)

    monkeypatch.setattr(pdf, "render_pdf", watched)
    _, reader = pdf_for(client, org, session)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert nasty.split(">")[0][:20] in text.replace("\n", "")
    (fetcher,) = fetchers
    assert fetcher.refused == []
    assert fetcher.served == ["https://perfmgmt.invalid/static/css/print.css"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.com/static/css/print.css",
        "https://perfmgmt.invalid/static/../perfmgmt/settings.py",
        "https://perfmgmt.invalid/media/secret.pdf",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files(url):
    fetcher = pdf.StaticFilesOnly()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


@pytest.mark.parametrize("relative", ["/etc/hostname", "//etc/hostname", "css/../../perfmgmt/settings.py"])
def test_the_static_root_fallback_stays_inside_static_root(settings, tmp_path, relative):
    """Django's finders refuse these first today; the fallback must refuse them on its own."""
    settings.STATIC_ROOT = str(tmp_path)
    (tmp_path / "css").mkdir()
    assert pdf._static_file(relative) is None


def test_the_fetcher_serves_the_apps_static_files():
    response = pdf.StaticFilesOnly().fetch("https://perfmgmt.invalid/static/css/print.css")
    assert b"@page" in response.read()


def test_a_head_of_service_who_is_a_contributor_writes_notes_only_for_their_area(org, session):
    org.head.groups.add(Group.objects.get(name=Role.CONTRIBUTOR.label))
    with pytest.raises(PermissionDenied):  # no area recorded
        note(services.annex_for(session), org.head, org.service)


def test_annex_and_theme_pages_query_counts_do_not_grow(client, org, session):
    from perfmgmt.benchmarks import csv_import as benchmark_csv
    from perfmgmt.benchmarks import services as core_services
    from perfmgmt.models import BenchmarkIndicator
    from perfmgmt.plans.services import record_figure
    from reviews.models import Theme

    annex = services.annex_for(session)
    theme = Theme.objects.create(name="Skills")
    client.force_login(org.strategy_officer)
    plan = BusinessPlanFactory(service=org.service)

    def grow(size, start):
        lines = [",".join(benchmark_csv.COLUMNS)] + [
            f"I{start + n},Indicator {start + n},number,higher,,,{year}/{(year + 1) % 100:02d},{n},{n + 1},20,,,"
            for n in range(size)
            for year in (2009, 2010)
        ]
        core_services.apply_benchmark_rows(
            rows=benchmark_csv.parse("\n".join(lines)).rows, by=org.strategy_officer, reason="test"
        )
        measures = [MeasureFactory(plan=plan) for _ in range(size)]
        for measure in measures:  # entered through the product, so each records who entered it
            record_figure(measure=measure, quarter=session.quarter, by=org.head, actual=1, commentary="", forecast="")
        services.set_annex_contents(
            annex=annex,
            indicators=list(BenchmarkIndicator.objects.all()),
            measures=list(annex.measures.all()) + measures,
            by=org.strategy_officer,
        )
        for _ in range(size):
            note(annex, org.contributor, org.service)
            worry = WorryFactory(worry_list=session.agenda.first().worry.worry_list)
            item = refresh_agenda(session=session, by=org.strategy_officer)[0]
            assert item.worry == worry
            record_outcome(item=item, by=org.strategy_officer, discussion="x", result="theme", themes=[theme])
            agree_action(by=org.strategy_officer, title="A", owner=UserFactory(), due=date(2012, 5, 1), theme=theme)

    urls = [
        reverse("annexes:annex_detail", args=[session.pk]),
        reverse("board:theme_detail", args=[theme.pk]),
        reverse("board:theme_list"),
        reverse("annexes:session_pack", args=[session.pk]),
    ]

    def count():
        result = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    grow(1, 0)
    small = count()
    grow(4, 100)
    assert count() == small


def test_reading_or_a_refused_write_creates_no_annex(client, org, session):
    from reviews.models import Annex

    client.force_login(org.director)
    assert client.get(reverse("annexes:annex_detail", args=[session.pk])).status_code == 200
    assert client.get(reverse("annexes:session_pack", args=[session.pk])).status_code == 200
    assert client.post(reverse("annexes:note_add", args=[session.pk]), {"concern": "x"}).status_code == 403
    assert not Annex.objects.exists() and not Annex.history.exists()


def test_a_pack_pdf_that_cannot_be_made_says_why_and_can_be_tried_again(client, org, session, settings):
    settings.PDF_MEMORY_LIMIT_MB = 1
    client.force_login(org.strategy_officer)
    response = client.post(reverse("annexes:session_pack_pdf", args=[session.pk]), follow=True)
    page = response.content.decode()
    assert "The PDF was not made" in page and "needed more than 1 MB of memory" in page and "Try again" in page
    assert DocumentJob.objects.get(session=session).state == "failed"
    settings.PDF_MEMORY_LIMIT_MB = 1024
    client.post(reverse("annexes:session_pack_pdf", args=[session.pk]))
    assert DocumentJob.objects.filter(session=session, state="done").count() == 1


def test_a_pack_pdf_is_only_for_the_person_who_asked_for_it(client, org, session):
    client.force_login(org.strategy_officer)
    client.post(reverse("annexes:session_pack_pdf", args=[session.pk]))
    job = DocumentJob.objects.get(session=session)
    client.force_login(org.director)
    assert client.get(reverse("annexes:pack_pdf_progress", args=[session.pk, job.pk])).status_code == 404
    assert client.get(reverse("annexes:pack_pdf_file", args=[session.pk, job.pk])).status_code == 404


def test_opening_the_note_form_creates_no_annex_and_the_first_note_does(client, org, session):
    from reviews.models import Annex

    client.force_login(org.contributor)
    assert client.get(reverse("annexes:note_add", args=[session.pk])).status_code == 200
    assert not Annex.objects.exists()
    response = client.post(
        reverse("annexes:note_add", args=[session.pk]), {"service": org.service.pk, "concern": "", "rating": "high"}
    )
    assert "Describe the concern" in response.content.decode()
    assert not Annex.objects.exists()
    client.post(
        reverse("annexes:note_add", args=[session.pk]),
        {"service": org.service.pk, "concern": "Audit finding", "rating": "high"},
    )
    assert Annex.objects.get().notes.get().concern == "Audit finding"


def test_the_session_pack_follows_the_agenda_order(client, org, session):
    from reviews.board import services as board_services

    WorryFactory(worry_list=session.agenda.get().worry.worry_list, title="Exclusions", position=2)
    board_services.refresh_agenda(session=session, by=org.strategy_officer)
    first, second = list(session.agenda.order_by("position"))
    board_services.move_agenda_item(item=second, by=org.strategy_officer, up=True)
    client.force_login(org.strategy_officer)
    page = client.get(reverse("annexes:session_pack", args=[session.pk])).content.decode()
    assert page.index(f"1. {second.worry.title}") < page.index(f"2. {first.worry.title}")
    assert f"({second.worry.worry_list.service.name})" in page


def test_marking_the_annex_ready_asks_first_and_asking_changes_nothing(client, org, session):
    from reviews.models import Annex

    client.force_login(org.strategy_officer)
    detail = client.get(reverse("annexes:annex_detail", args=[session.pk])).content.decode()
    ready = reverse("annexes:annex_ready", args=[session.pk])
    assert f'href="{ready}">Mark ready for the Board</a>' in detail
    page = client.get(ready).content.decode()
    assert "Mark the annex ready for the Board?" in page and "This cannot be undone." in page
    assert not Annex.objects.filter(ready_at__isnull=False).exists()
    client.post(ready)
    assert Annex.objects.get(session=session).ready_by == org.strategy_officer
    assert "was marked ready" in client.get(ready).content.decode()
    client.force_login(org.contributor)
    assert client.get(ready).status_code == 403
