"""The fixed wording of a committee report, shared by the HTML template and the Word file
so that both print the same words."""

from reviews.models import CommitteeReport, ExemptParagraph

BACKGROUND_HEADING = "Background list of documents: Section 100D of the Local Government Act 1972"
BACKGROUND_INTRO = (
    "The following documents disclose facts or matters, which have been relied upon to a material extent by the "
    "author in preparing this report:"
)


def when(day) -> str:
    """'9 March 2012'"""
    return f"{day:%-d %B %Y}"


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'"""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def header_rows(report: CommitteeReport) -> list[tuple[str, str]]:
    return [
        ("Decision maker", f"{report.committee}, {when(report.meeting_date)}"),
        ("Subject", report.subject),
        ("Report by", report.report_by),
        ("Wards affected", report.wards_affected),
        ("Key decision (over £250k)", report.key_decision),
    ]


def description(report: CommitteeReport) -> str:
    return f"Report to the {report.committee}, {when(report.meeting_date)}: {report.quarter.label}"


def signature(report: CommitteeReport) -> str:
    if report.signed_at is None:
        return "Signed by: (not yet signed)"
    return f"Signed by: {report.author.get_full_name() or report.author.username}, {report.report_by}"


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
    return (
        "The recommendation(s) set out above were approved/ approved as amended/ deferred/ rejected by "
        f"{report.committee} on {when(report.meeting_date)}."
    )
