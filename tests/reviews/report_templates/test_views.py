"""Report template pages: only the Strategy Unit opens them, bad input is told next to the
field and changes nothing, the preview is the report a new draft would be (marked DRAFT),
and the pages' query counts stay the same as templates grow."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from reviews.models import ReportTemplate, TemplateSection
from reviews.report_templates import services as templates
from reviews.reports import drafting
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(org):
    return drafting.template_for("Governance and Audit Committee")


def urls(template) -> dict[str, str]:
    section, row = template.sections.first(), template.header_rows.first()
    pk = template.pk
    return {
        "list": reverse("report_templates:template_list"),
        "detail": reverse("report_templates:template_detail", args=[pk]),
        "copy": reverse("report_templates:template_copy", args=[pk]),
        "settings": reverse("report_templates:template_settings", args=[pk]),
        "row": reverse("report_templates:row_edit", args=[pk, row.pk]),
        "new row": reverse("report_templates:row_add", args=[pk]),
        "section": reverse("report_templates:section_edit", args=[pk, section.pk]),
        "new section": reverse("report_templates:section_add", args=[pk]),
        "history": reverse("history", args=["report-templates", pk]),
        "section history": reverse("history", args=["template-sections", section.pk]),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_strategy_unit_opens_the_template_pages(client, org, template, persona):
    client.force_login(org.persona(persona))
    for name, url in urls(template).items():
        expected = 200 if persona == "strategy_officer" else 403
        assert client.get(url).status_code == expected, name


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "strategy_officer"])
def test_nobody_else_changes_a_template_through_the_pages(client, org, template, persona):
    client.force_login(org.persona(persona))
    section = template.sections.get(key="summary")
    posts = {
        reverse("report_templates:template_copy", args=[template.pk]): {"name": "Mine"},
        reverse("report_templates:template_settings", args=[template.pk]): {"name": "Renamed"},
        reverse("report_templates:section_edit", args=[template.pk, section.pk]): {"title": "Renamed"},
        reverse("report_templates:item_remove", args=[template.pk, "sections", section.pk]): {},
        reverse("report_templates:item_move", args=[template.pk, "sections", section.pk]): {"direction": "down"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert ReportTemplate.objects.get().name == template.name
    assert template.sections.first() == section and section.title == "Summary"


def test_the_list_says_which_committees_start_from_each_template(client, org, template):
    client.force_login(org.strategy_officer)
    page = client.get(reverse("report_templates:template_list")).content.decode()
    assert template.name in page and 'Copy<span class="govuk-visually-hidden"> ' + template.name in page


def test_copying_opens_the_copy(client, org, template):
    client.force_login(org.strategy_officer)
    response = client.post(reverse("report_templates:template_copy", args=[template.pk]), {"name": "Cabinet report"})
    copy = ReportTemplate.objects.get(name="Cabinet report")
    assert response.status_code == 302 and response.url == reverse("report_templates:template_detail", args=[copy.pk])
    assert copy.sections.count() == template.sections.count()


def test_a_bad_section_is_told_next_to_the_field_and_saves_nothing(client, org, template):
    client.force_login(org.strategy_officer)
    url = reverse("report_templates:section_add", args=[template.pk])
    response = client.post(url, {"title": "Summary", "writer": "strategy_unit", "block": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title-error"' in page or "govuk-error-message" in page
    assert "The template already has a section called “Summary”" in page
    assert template.sections.filter(title="Summary").count() == 1
    response = client.post(url, {"title": "", "writer": ""})
    page = response.content.decode()
    assert "Enter the section&#x27;s title" in page and "Choose who writes the section" in page


def test_a_bad_setting_is_told_next_to_the_field_and_saves_nothing(client, org, template):
    client.force_login(org.strategy_officer)
    url = reverse("report_templates:template_settings", args=[template.pk])
    data = {
        "name": template.name,
        "numbering": "paragraphs",
        "recommendation_style": "(i)",
        "appendix_style": "letters",
        "signature_label": "Signed by",
        "background_heading": "Background papers",
        "decision_wording": "Decided by {the_committee}",
    }
    page = client.post(url, data).content.decode()
    assert "“{the_committee}” is not filled in by anything" in page
    template.refresh_from_db()
    assert template.recommendation_style == "1)" and template.background_heading.startswith("Background list")


def test_a_section_with_a_table_of_measures_is_saved_with_its_columns(client, org, template):
    client.force_login(org.strategy_officer)
    url = reverse("report_templates:section_add", args=[template.pk])
    data = {
        "title": "Key measures",
        "writer": "strategy_unit",
        "block": "kpi_table",
        "kpi_directorate": org.directorate.pk,
        "kpi_status": "red_amber",
        "kpi_columns": ["actual", "target", "corrective_action"],
    }
    assert client.post(url, data).status_code == 302
    section = template.sections.get(title="Key measures")
    assert section.columns == ["actual", "target", "corrective_action"]
    assert section.kpi_directorate == org.directorate and section.kpi_status == "red_amber"


def test_the_preview_is_a_new_draft_from_the_quarter_marked_draft(client, org, quarter, template):
    client.force_login(org.strategy_officer)
    url = reverse("report_templates:template_preview", args=[template.pk, "html"]) + f"?quarter={quarter.pk}"
    page = client.get(url).content.decode()
    assert "DRAFT: not for publication" in page
    assert "5. Issues emerging" in page and "Educational attainment" in page  # from the Board's outcomes
    assert "The Committee are asked to note and comment on:" in page
    pdf_url = reverse("report_templates:template_preview", args=[template.pk, "pdf"]) + f"?quarter={quarter.pk}"
    pdf = PdfReader(io.BytesIO(client.get(pdf_url).content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "DRAFT: not for publication" in text and "Issues emerging" in text
    assert not template.reports.exists()  # the preview saves nothing


def grow(org, template, count: int):
    for number in range(count):
        templates.copy_template(template=template, by=org.strategy_officer, name=f"Template {number}")
        templates.save_section(
            template=template,
            by=org.strategy_officer,
            title=f"Extra {number}",
            writer=TemplateSection.Writer.STRATEGY_UNIT,
            block=TemplateSection.Block.KPI_TABLE,
            kpi_directorate=org.directorate,
        )
        templates.save_header_row(template=template, by=org.strategy_officer, label=f"Row {number}", value="subject")


@pytest.mark.parametrize("name", ["list", "detail"])
def test_query_counts_stay_the_same_as_templates_grow(client, org, template, name):
    client.force_login(org.strategy_officer)
    url = urls(template)[name]
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(org, template, 4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_a_bad_header_row_is_told_next_to_the_field_and_saves_nothing(client, org, template):
    client.force_login(org.strategy_officer)
    url = reverse("report_templates:row_add", args=[template.pk])
    page = client.post(url, {"label": "", "value": ""}).content.decode()
    assert "Enter the row&#x27;s label, as it is printed" in page and "Choose what fills the row" in page
    page = client.post(url, {"label": "Classification", "value": "text", "text": ""}).content.decode()
    assert "Enter the text the row prints" in page
    assert not template.header_rows.filter(label="Classification").exists()
