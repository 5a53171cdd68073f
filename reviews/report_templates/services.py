"""Writes for report templates: copying one, its settings, its header rows and its
sections, and which committees start from it. A change reaches the drafts that follow
the template at their next preview; published versions keep the files they were
published with."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from perfmgmt.history import save_with_history
from perfmgmt.models import Committee, User
from perfmgmt.ordering import moved, renumber
from perfmgmt.plans.selectors import measure_titles
from reviews.models import CommitteeReport, DefaultTemplate, ReportTemplate, TemplateHeaderRow, TemplateSection
from reviews.report_templates import permissions
from reviews.reports.wording import PLACEHOLDERS, unknown_placeholders

Block = TemplateSection.Block
Writer = TemplateSection.Writer
SETTINGS = (
    "name",
    "description",
    "numbering",
    "recommendation_style",
    "recommendations_intro",
    "appendix_style",
    "scorecard_appendix",
    "signature_label",
    "background_heading",
    "background_intro",
    "decision_heading",
    "decision_wording",
    "decision_options",
)
SECTION_FIELDS = (
    "title",
    "compulsory",
    "default_text",
    "writer",
    "must_clear",
    "block",
    "kpi_directorate",
    "kpi_service",
    "kpi_status",
    "kpi_columns",
    "kpi_titles",
)
SAME_NAME = "There is already a template called “{name}”"


def _require_manager(by: User) -> None:
    if not permissions.can_manage_templates(by):
        raise PermissionDenied("Only the Strategy Unit changes report templates.")


def locked(template: ReportTemplate) -> ReportTemplate:
    return ReportTemplate.objects.select_for_update().get(pk=template.pk)


def changeable(template: ReportTemplate) -> ReportTemplate:
    """The template, locked, refused while a report that follows it is being cleared or
    is signed: what the advisers cleared and the author signed is what is published."""
    template = locked(template)
    Status = CommitteeReport.Status
    if template.reports.filter(status__in=[Status.IN_CLEARANCE, Status.SIGNED]).exists():
        raise ValidationError(
            "A report that follows this template is in clearance or signed, so the template cannot change until "
            "that report is published or returned to draft. Copy the template to work on a new version now."
        )
    return template


def _check_wording(**texts: str) -> None:
    """Braces name what is filled in; a name nothing fills is most likely a typing slip."""
    names = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    errors = {
        field: f"“{{{unknown[0]}}}” is not filled in by anything. Use only {names}"
        for field, text in texts.items()
        if (unknown := unknown_placeholders(text))
    }
    if errors:
        raise ValidationError(errors)


def _save_named(template: ReportTemplate, reason: str, by: User) -> None:
    """Save, turning a clash with a template of the same name into a message."""
    name = template.name.strip()
    if not name:
        raise ValidationError({"name": "Enter the template's name"})
    if ReportTemplate.objects.filter(name__iexact=name).exclude(pk=template.pk).exists():
        raise ValidationError({"name": SAME_NAME.format(name=name)})
    try:
        with transaction.atomic():
            save_with_history(template, reason, by)
    except IntegrityError:
        raise ValidationError({"name": SAME_NAME.format(name=name)}) from None


@transaction.atomic
def copy_template(*, template: ReportTemplate, by: User, name: str) -> ReportTemplate:
    """A new template with the same settings, header rows and sections (the sections keep
    their keys, so a draft moved between the two keeps every paragraph in place)."""
    _require_manager(by)
    copy = ReportTemplate(**{field: getattr(template, field) for field in SETTINGS}, created_by=by)
    copy.name = name.strip()
    _save_named(copy, f"Copied from “{template.name}” by {by}", by)
    for row in template.header_rows.all():
        row.pk, row.template = None, copy
        save_with_history(row, f"Copied from “{template.name}”", by)
    for section in template.sections.all():
        section.pk, section.template = None, copy
        save_with_history(section, f"Copied from “{template.name}”", by)
    return copy


@transaction.atomic
def save_settings(*, template: ReportTemplate, by: User, committees=None, **fields) -> ReportTemplate:
    _require_manager(by)
    template = changeable(template) if set(fields) & set(SETTINGS) - {"name", "description"} else locked(template)
    _check_wording(
        recommendations_intro=fields.get("recommendations_intro", ""),
        decision_wording=fields.get("decision_wording", ""),
    )
    for name, value in fields.items():
        if name in SETTINGS:
            setattr(template, name, value.strip() if isinstance(value, str) else value)
    if not template.signature_label:
        raise ValidationError({"signature_label": "Enter the words before the author's name, such as Signed by"})
    if not template.background_heading:
        raise ValidationError({"background_heading": "Enter the heading of the background papers"})
    _save_named(template, f"Settings changed by {by}", by)
    if committees is not None:
        _set_default_for(template, list(committees), by)
    return template


def _set_default_for(template: ReportTemplate, committees: list[Committee], by: User) -> None:
    """The committees whose reports start from this template: a committee has one
    default, so choosing it here moves it from its old template."""
    for default in DefaultTemplate.objects.filter(template=template).exclude(committee__in=committees):
        default._history_user = by
        default.delete()
    for committee in committees:
        default = DefaultTemplate.objects.filter(committee=committee).first() or DefaultTemplate(committee=committee)
        if default.pk is None or default.template_id != template.pk:
            default.template = template
            save_with_history(default, f"{committee} starts from “{template.name}”, set by {by}", by)


# Header rows --------------------------------------------------------------------------------------


@transaction.atomic
def save_header_row(
    *, template: ReportTemplate, by: User, label: str, value: str, text: str = "", row: TemplateHeaderRow | None = None
) -> TemplateHeaderRow:
    _require_manager(by)
    template = changeable(template)
    if not label.strip():
        raise ValidationError({"label": "Enter the row's label, as it is printed"})
    if value not in TemplateHeaderRow.Value.values:
        raise ValidationError({"value": "Choose what fills the row"})
    if value == TemplateHeaderRow.Value.TEXT and not text.strip():
        raise ValidationError({"text": "Enter the text the row prints"})
    if row is None:
        last = template.header_rows.aggregate(Max("position"))["position__max"] or 0
        row = TemplateHeaderRow(template=template, position=last + 1)
    elif row.template_id != template.pk:
        raise PermissionDenied("That row is in another template.")
    row.label, row.value = label.strip(), value
    row.text = text.strip() if value == TemplateHeaderRow.Value.TEXT else ""
    save_with_history(row, f"Saved by {by}", by)
    return row


# Sections -----------------------------------------------------------------------------------------


def _key_for(template: ReportTemplate, title: str) -> str:
    """A key from the title, unique in the template: 'purpose-of-report', then '-2'."""
    base = slugify(title)[:50] or "section"
    taken = set(template.sections.values_list("key", flat=True))
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def _check_section(template: ReportTemplate, section: TemplateSection) -> None:
    others = template.sections.exclude(pk=section.pk)
    if not section.title:
        raise ValidationError({"title": "Enter the section's title"})
    if others.filter(title__iexact=section.title).exists():
        raise ValidationError({"title": f"The template already has a section called “{section.title}”"})
    if section.by_adviser:
        if others.filter(writer=section.writer).exists():
            raise ValidationError({"writer": f"{section.get_writer_display()} already writes another section"})
        if section.block:
            raise ValidationError({"block": "A section an adviser writes is written by hand: choose Nothing"})
    elif section.must_clear:
        raise ValidationError({"must_clear": "Only a section an adviser writes can need their clearance"})
    if section.block == Block.RECOMMENDATIONS and others.filter(block=Block.RECOMMENDATIONS).exists():
        raise ValidationError({"block": "The template already has a recommendations section"})
    if section.block != Block.KPI_TABLE and (
        section.kpi_directorate_id
        or section.kpi_service_id
        or section.kpi_status
        or section.kpi_columns
        or section.kpi_titles.strip()
    ):
        raise ValidationError({"block": "Choose “A table of measures” to print the measures chosen below"})
    service, directorate = section.kpi_service, section.kpi_directorate
    if service and directorate and service.directorate_id != directorate.pk:
        raise ValidationError({"kpi_service": "Choose a service in the chosen directorate, or no directorate"})
    if section.default_text and section.block not in (Block.NONE, Block.RECOMMENDATIONS):
        raise ValidationError({"default_text": "A section filled from the quarter's data starts without default text"})
    _check_wording(default_text=section.default_text)
    known = measure_titles(section.titles)
    unknown = [title for title in section.titles if title.casefold() not in known]
    if unknown:
        raise ValidationError({"kpi_titles": f"No measure is called “{unknown[0]}”. Copy the title from the scorecard"})


@transaction.atomic
def save_section(
    *, template: ReportTemplate, by: User, section: TemplateSection | None = None, **fields
) -> TemplateSection:
    _require_manager(by)
    template = changeable(template)
    if section is None:
        last = template.sections.aggregate(Max("position"))["position__max"] or 0
        section = TemplateSection(template=template, position=last + 1)
    elif section.template_id != template.pk:
        raise PermissionDenied("That section is in another template.")
    for name in SECTION_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(section, name, value.strip() if isinstance(value, str) else value)
    if isinstance(section.kpi_columns, list):
        section.kpi_columns = ",".join(section.kpi_columns)
    section.default_text = section.default_text.replace("\r\n", "\n")
    _check_section(template, section)
    if not section.key:
        section.key = _key_for(template, section.title)
    save_with_history(section, f"Saved by {by}", by)
    return section


@transaction.atomic
def move(*, item: TemplateSection | TemplateHeaderRow, by: User, up: bool) -> None:
    _require_manager(by)
    template = changeable(item.template)
    siblings = (template.sections if isinstance(item, TemplateSection) else template.header_rows).order_by(
        "position", "pk"
    )
    renumber(moved(siblings, item.pk, up=up), by, f"Moved by {by}")


@transaction.atomic
def remove(*, item: TemplateSection | TemplateHeaderRow, by: User) -> None:
    """Take a row or a section out of the template. A draft's paragraphs in a removed
    section are kept, listed on the draft as not placed."""
    _require_manager(by)
    template = changeable(item.template)
    if isinstance(item, TemplateSection) and template.sections.count() == 1:
        raise ValidationError("A template needs at least one section.")
    item._history_user = by
    item.delete()
