"""Report templates: copied whole, changed with checks that say what is wrong, reordered,
and only by the Strategy Unit; a draft follows its template and a published version
never changes."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from perfmgmt.models import Committee
from reviews.models import DefaultTemplate, ReportFile, ReportTemplate, TemplateSection
from reviews.report_templates import services as templates
from reviews.reports import drafting, publication
from reviews.reports import files as report_files
from reviews.reports import selectors as report_selectors
from reviews.reports import services as reports
from tests.reviews.conftest import start, through_clearance

pytestmark = pytest.mark.django_db
Block = TemplateSection.Block
Writer = TemplateSection.Writer


@pytest.fixture
def shipped():
    return drafting.template_for("Governance and Audit Committee")


@pytest.fixture
def copy(org, shipped):
    return templates.copy_template(template=shipped, by=org.strategy_officer, name="Scrutiny report")


def add_section(org, template, **fields):
    values = {"title": "New section", "writer": Writer.STRATEGY_UNIT, "block": Block.NONE, "default_text": ""}
    return templates.save_section(template=template, by=org.strategy_officer, **(values | fields))


def test_a_copy_has_the_same_rows_sections_and_settings_and_changing_it_leaves_the_original(org, shipped, copy):
    assert [(s.key, s.title, s.writer, s.block) for s in copy.sections.all()] == [
        (s.key, s.title, s.writer, s.block) for s in shipped.sections.all()
    ]
    assert [(r.label, r.value) for r in copy.header_rows.all()] == [
        (r.label, r.value) for r in shipped.header_rows.all()
    ]
    assert copy.recommendations_intro == shipped.recommendations_intro and copy.created_by == org.strategy_officer

    purpose = copy.sections.get(key="purpose")
    templates.save_section(template=copy, by=org.strategy_officer, section=purpose, title="Why this report")
    assert shipped.sections.get(key="purpose").title == "Purpose of report"
    assert copy.history.first().history_change_reason.startswith("Copied from")


def test_a_name_already_taken_is_refused_whatever_its_case(org, shipped, copy):
    with pytest.raises(ValidationError) as error:
        templates.copy_template(template=shipped, by=org.strategy_officer, name="scrutiny REPORT")
    assert error.value.message_dict == {"name": ["There is already a template called “scrutiny REPORT”"]}
    assert ReportTemplate.objects.count() == 2


@pytest.mark.parametrize("persona", ["head", "director", "legal", "finance", "clerk", "member", "administrator"])
def test_only_the_strategy_unit_changes_templates(org, shipped, persona):
    with pytest.raises(PermissionDenied):
        templates.copy_template(template=shipped, by=org.persona(persona), name="Mine")
    with pytest.raises(PermissionDenied):
        templates.save_settings(template=shipped, by=org.persona(persona), name="Renamed")
    assert ReportTemplate.objects.get().name == shipped.name


def test_wording_that_names_something_nothing_fills_is_refused(org, copy):
    with pytest.raises(ValidationError) as error:
        templates.save_settings(template=copy, by=org.strategy_officer, recommendations_intro="{comittee} notes:")
    assert "“{comittee}” is not filled in by anything" in error.value.message_dict["recommendations_intro"][0]
    copy.refresh_from_db()
    assert copy.recommendations_intro == "The {committee} are asked to note and comment on:"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": ""}, "title", "Enter the section's title"),
        ({"title": "summary"}, "title", "The template already has a section called “summary”"),
        ({"writer": Writer.LEGAL}, "writer", "The legal adviser already writes another section"),
        ({"must_clear": True}, "must_clear", "Only a section an adviser writes can need their clearance"),
        ({"block": Block.RECOMMENDATIONS}, "block", "The template already has a recommendations section"),
        ({"kpi_status": "red"}, "block", "Choose “A table of measures” to print the measures chosen below"),
        ({"block": Block.EXCEPTIONS, "default_text": "Hello"}, "default_text", "A section filled from the"),
        ({"default_text": "For {quartre}"}, "default_text", "“{quartre}” is not filled in by anything"),
    ],
)
def test_a_section_that_cannot_work_is_refused_with_a_message_next_to_its_field(org, copy, fields, field, message):
    before = list(copy.sections.values_list("title", flat=True))
    with pytest.raises(ValidationError) as error:
        add_section(org, copy, **fields)
    assert error.value.message_dict[field][0].startswith(message)
    assert list(copy.sections.values_list("title", flat=True)) == before


def test_a_new_section_gets_a_key_of_its_own_and_keeps_it_when_renamed(org, copy):
    first = add_section(org, copy, title="Risks and issues")
    templates.save_section(template=copy, by=org.strategy_officer, section=first, title="Risks")
    second = add_section(org, copy, title="Risks and issues")  # the title is free again, the key is not
    assert (first.key, second.key) == ("risks-and-issues", "risks-and-issues-2")
    first.refresh_from_db()
    assert first.title == "Risks" and first.position == copy.sections.count() - 1


def test_rows_and_sections_move_up_and_down_and_can_be_removed(org, copy):
    titles = lambda: list(copy.sections.values_list("title", flat=True))  # noqa: E731
    purpose = copy.sections.get(key="purpose")
    templates.move(item=purpose, by=org.strategy_officer, up=True)
    assert titles()[:2] == ["Purpose of report", "Summary"]
    templates.remove(item=copy.sections.get(key="context"), by=org.strategy_officer)
    assert "Context" not in titles()
    row = copy.header_rows.get(label="Wards affected")
    templates.move(item=row, by=org.strategy_officer, up=False)
    assert list(copy.header_rows.values_list("label", flat=True))[-2:] == [
        "Key decision (over £250k)",
        "Wards affected",
    ]


def test_a_template_keeps_at_least_one_section(org, copy):
    *others, last = list(copy.sections.all())
    for section in others:
        templates.remove(item=section, by=org.strategy_officer)
    with pytest.raises(ValidationError, match="at least one section"):
        templates.remove(item=last, by=org.strategy_officer)


def test_a_free_text_row_needs_its_text(org, copy):
    with pytest.raises(ValidationError) as error:
        templates.save_header_row(template=copy, by=org.strategy_officer, label="Classification", value="text")
    assert error.value.message_dict == {"text": ["Enter the text the row prints"]}


def test_a_committee_starts_from_the_template_chosen_for_it_and_only_that_one(org, shipped, copy, quarter, author):
    cabinet = Committee.objects.create(name="Cabinet")
    templates.save_settings(template=shipped, by=org.strategy_officer, committees=[cabinet])
    templates.save_settings(template=copy, by=org.strategy_officer, committees=[cabinet])  # moves it here
    assert DefaultTemplate.objects.get(committee=cabinet).template == copy
    assert not shipped.default_for.exists()
    assert start(org, quarter, author, committee="Cabinet").template == copy
    assert start(org, quarter, author).template == shipped  # no default: the shipped template


def test_a_template_change_reaches_the_draft_and_never_the_published_files(org, quarter, author, copy):
    published = through_clearance(org, start(org, quarter, author, template=copy))
    publication.publish_now(report=published, by=org.clerk)
    draft = start(org, quarter, author, committee="Cabinet", template=copy)
    stored = {f.kind: (bytes(f.content), f.sha256) for f in ReportFile.objects.filter(version__report=published)}

    context = copy.sections.get(key="context")
    templates.save_section(template=copy, by=org.strategy_officer, section=context, title="Where we are")
    templates.save_settings(template=copy, by=org.strategy_officer, recommendation_style="(a)", numbering="sections")

    draft.refresh_from_db()
    html = report_files.report_html(report_selectors.report_document(draft))
    assert "4. Where we are" in html and "(a)" in html and "4.1" not in html
    after = {f.kind: (bytes(f.content), f.sha256) for f in ReportFile.objects.filter(version__report=published)}
    assert after == stored
    assert all(hashlib.sha256(content).hexdigest() == sha for content, sha in after.values())
    assert "4. Context" in after[ReportFile.Kind.HTML][0].decode()


def test_a_template_cannot_change_while_a_report_that_follows_it_is_in_clearance_or_signed(org, quarter, author, copy):
    report = start(org, quarter, author, template=copy)
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    legal = copy.sections.get(writer=Writer.LEGAL)
    changes = [
        lambda: templates.save_section(template=copy, by=org.strategy_officer, section=legal, must_clear=False),
        lambda: templates.remove(item=legal, by=org.strategy_officer),
        lambda: templates.save_settings(template=copy, by=org.strategy_officer, recommendation_style="(a)"),
        lambda: templates.save_header_row(template=copy, by=org.strategy_officer, label="Ward", value="wards_affected"),
    ]
    for change in changes:
        with pytest.raises(ValidationError, match="in clearance or signed"):
            change()
    assert copy.sections.get(pk=legal.pk).must_clear
    templates.save_settings(template=copy, by=org.strategy_officer, name="Renamed while in clearance")  # harmless
    reports.return_to_draft(report=report, by=org.strategy_officer)
    templates.save_section(template=copy, by=org.strategy_officer, section=legal, title="Legal implications")
