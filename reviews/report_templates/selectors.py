"""Reads for report templates: the list with what uses each, one template's parts, and a
preview of the report a template makes from a quarter's data."""

from dataclasses import replace
from datetime import timedelta

from django.db.models import Count, Prefetch, QuerySet

from perfmgmt.models import Quarter
from reviews.models import BoardSession, CommitteeReport, DefaultTemplate, ReportTemplate
from reviews.reports import drafting
from reviews.reports.selectors import ReportDocument, assemble, template_parts
from reviews.reports.wording import recommendations_intro


def templates_list() -> QuerySet[ReportTemplate]:
    return (
        ReportTemplate.objects.annotate(section_count=Count("sections", distinct=True))
        .annotate(report_count=Count("reports", distinct=True))
        .prefetch_related(Prefetch("default_for", queryset=DefaultTemplate.objects.select_related("committee")))
        .order_by("name", "pk")
    )


def quarter_to_preview(quarters: QuerySet[Quarter]) -> Quarter | None:
    """The latest started quarter the Board has held sessions in: a preview shows most there."""
    return (
        quarters.filter(board_sessions__status=BoardSession.Status.HELD)
        .order_by("-financial_year__start_year", "-number")
        .first()
    )


def committee_for(template: ReportTemplate) -> str:
    default = template.default_for.select_related("committee").order_by("committee__name").first()
    return default.committee.name if default else "Committee"


def preview(template: ReportTemplate, quarter: Quarter) -> ReportDocument:
    """The report a new draft from this template would be for the quarter, saved nowhere:
    the template's default text and what its blocks draw from the quarter's data."""
    sections, rows = template_parts(template)
    report = CommitteeReport(
        template=template,
        quarter=quarter,
        committee=committee_for(template),
        meeting_date=quarter.end + timedelta(days=60),
        subject=f"Quarterly performance report ({quarter.label})",
        report_by="(the author's job title)",
        contact_officer="(the contact officer)",
        portfolio="(the cabinet member)",
    )
    report.recommendations_intro = recommendations_intro(template, report.committee)
    paragraphs = drafting.first_paragraphs(report, sections)
    return replace(assemble(report, sections, rows, paragraphs), draft=True)
