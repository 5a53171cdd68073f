"""The wording of a committee report that comes from its template, shared by the HTML
template and the Word file so that both print the same words."""

import re

from reviews.models import CommitteeReport, ExemptParagraph, TemplateHeaderRow

# What a template's wording may name in braces, and what fills it.
PLACEHOLDERS = ("committee", "meeting_date", "quarter", "options")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
Value = TemplateHeaderRow.Value


def when(day) -> str:
    """'9 March 2012'"""
    return f"{day:%-d %B %Y}"


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'"""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def unknown_placeholders(text: str) -> list[str]:
    """The names in braces that nothing fills: for the template forms' messages."""
    return [name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]


def fill(text: str, report: CommitteeReport, **more: str) -> str:
    """The template's words with {committee}, {meeting_date} and {quarter} filled in for
    this report. Only these names are replaced: any other braces print as they are."""
    values = {
        "committee": report.committee,
        "meeting_date": when(report.meeting_date),
        "quarter": report.quarter.label,
        **more,
    }
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def exempt_status(report: CommitteeReport) -> str:
    if report.exempt_paragraph is None:
        return "No: the report is open to the public"
    return f"Yes: {exemption(report.exempt_paragraph)}"


def header_value(row: TemplateHeaderRow, report: CommitteeReport) -> str:
    values = {
        Value.TEXT: row.text,
        Value.COMMITTEE: report.committee,
        Value.COMMITTEE_AND_DATE: f"{report.committee}, {when(report.meeting_date)}",
        Value.MEETING_DATE: when(report.meeting_date),
        Value.SUBJECT: report.subject,
        Value.REPORT_BY: report.report_by,
        Value.CONTACT_OFFICER: report.contact_officer,
        Value.PORTFOLIO: report.portfolio,
        Value.WARDS_AFFECTED: report.wards_affected,
        Value.KEY_DECISION: report.key_decision,
    }
    if row.value == Value.EXEMPT:
        return exempt_status(report)
    return values[row.value]


def header_rows(report: CommitteeReport, rows: list[TemplateHeaderRow]) -> list[tuple[str, str]]:
    return [(row.label, header_value(row, report)) for row in rows]


def description(report: CommitteeReport) -> str:
    return f"Report to the {report.committee}, {when(report.meeting_date)}: {report.quarter.label}"


def signature(report: CommitteeReport) -> str:
    label = report.template.signature_label
    if report.signed_at is None:
        return f"{label}: (not yet signed)"
    return f"{label}: {report.author.get_full_name() or report.author.username}, {report.report_by}"


def exemption(paragraph: int) -> str:
    number = ExemptParagraph(paragraph).value
    return (
        f"exempt from publication under paragraph {number} of Part 1 of Schedule 12A to the Local Government Act 1972"
    )


def appendix_line(appendix) -> str:
    line = f"Appendix {appendix.letter}: {appendix.title}"
    if appendix.exempt:
        line += f" ({exemption(appendix.appendix.exempt_paragraph)})"
    return line


def decision_sentence(report: CommitteeReport) -> str:
    template = report.template
    return fill(template.decision_wording, report, options=template.decision_options)


def recommendations_intro(template, committee: str) -> str:
    """The template's words before the recommendations, for a report to this committee."""
    return PLACEHOLDER.sub(
        lambda match: committee if match.group(1) == "committee" else match.group(0), template.recommendations_intro
    )
