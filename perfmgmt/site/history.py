"""A record's history page: who changed what and when, field by field, for those who may
see the record. Changes made in the admin and by imports are in the same history
(django-simple-history records every save). Glue: it asks each app who may see its
records."""

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from perfmgmt.models import User
from perfmgmt.permissions import require
from perfmgmt.plans.permissions import get_plan_for_user
from reviews.annexes.permissions import get_session_for_annex, notes_visible_to
from reviews.board.permissions import actions_visible_to, can_read_themes
from reviews.models import AnnexNote, ReportParagraph, TemplateSection, Theme
from reviews.report_templates.permissions import can_manage_templates, get_template_for_user
from reviews.reports.permissions import get_report_for_user
from worrylists.models import Worry
from worrylists.permissions import get_worry_list_for_user

# Fields every history row has that are not the record's own.
BOOKKEEPING = {"version"}


def _worry(user: User, pk: int) -> Worry:
    worry = get_object_or_404(Worry, pk=pk)
    get_worry_list_for_user(user, worry.worry_list_id)
    return worry


def _paragraph(user: User, pk: int) -> ReportParagraph:
    paragraph = get_object_or_404(ReportParagraph, pk=pk)
    get_report_for_user(user, paragraph.report_id)
    return paragraph


def _note(user: User, pk: int) -> AnnexNote:
    """As on the annex: before it is ready, a contributor reads only their own area's notes."""
    note = get_object_or_404(AnnexNote.objects.select_related("annex"), pk=pk)
    get_session_for_annex(user, note.annex.session_id)
    return get_object_or_404(notes_visible_to(user, note.annex), pk=pk)


def _theme(user: User, pk: int) -> Theme:
    if not can_read_themes(user):
        raise Http404
    return get_object_or_404(Theme, pk=pk)


def _template_section(user: User, pk: int) -> TemplateSection:
    require(can_manage_templates(user))
    return get_object_or_404(TemplateSection, pk=pk)


# kind in the URL: (what it is called, how to fetch it for this person or 404)
KINDS = {
    "plans": ("Business plan", get_plan_for_user),
    "worry-lists": ("Worry list", get_worry_list_for_user),
    "worries": ("Worry", _worry),
    "reports": ("Committee report", get_report_for_user),
    "paragraphs": ("Report paragraph", _paragraph),
    "actions": ("Action", lambda user, pk: get_object_or_404(actions_visible_to(user), pk=pk)),
    "notes": ("Annex note", _note),
    "themes": ("Theme", _theme),
    "report-templates": ("Report template", get_template_for_user),
    "template-sections": ("Report template section", _template_section),
}


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    when: datetime
    who: str
    what: str
    changes: list[Change]


def _shown(value) -> str:
    if value is None or value == "":
        return "(empty)"
    return str(value)


def entries_of(record) -> list[Entry]:
    """Every recorded change, newest first, each with the fields it changed."""
    rows = list(record.history.select_related("history_user").order_by("history_id"))  # in the order they were made
    model = type(record)
    # A status reads as people say it ("In clearance"), not as it is stored.
    choices = {field.name: dict(field.flatchoices) for field in model._meta.fields if field.choices}
    labels = {
        field.name: str(field.verbose_name).capitalize()
        for field in model._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    # Links to other records (a worry's measures, say) are left out: shown as lists of
    # objects they would read as code, not as a change.
    m2m = [field.name for field in model._meta.many_to_many]
    entries, previous = [], None
    for row in rows:
        what = row.history_change_reason or {"+": "Created", "~": "Changed", "-": "Removed"}[row.history_type]
        changes = []
        if previous is not None:
            delta = row.diff_against(previous, excluded_fields=m2m, foreign_keys_are_objs=True)
            changes = [
                Change(
                    labels.get(change.field, change.field),
                    _shown(choices.get(change.field, {}).get(change.old, change.old)),
                    _shown(choices.get(change.field, {}).get(change.new, change.new)),
                )
                for change in delta.changes
                if change.field not in BOOKKEEPING
            ]
        entries.append(
            Entry(row.history_date, str(row.history_user or "The system (an import or a command)"), what, changes)
        )
        previous = row
    return list(reversed(entries))


@require_GET
def history(request, kind, pk):
    if kind not in KINDS:
        raise Http404
    label, fetch = KINDS[kind]
    record = fetch(request.user, pk)
    return render(
        request,
        "perfmgmt/site/history.html",
        {"label": label, "record": record, "entries": entries_of(record)},
    )
