"""Report template pages for the Strategy Unit: the list, one template with its header
rows and sections, their forms, copying, and a preview with a quarter's data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.forms_errors import save_form
from perfmgmt.permissions import require
from perfmgmt.selectors import chosen_quarter, started_quarters
from reviews import pdf
from reviews.report_templates import permissions, selectors, services
from reviews.report_templates.forms import CopyForm, HeaderRowForm, SectionForm, SettingsForm
from reviews.reports import files as report_files


def _detail_url(template, anchor: str = "") -> str:
    return reverse("report_templates:template_detail", args=[template.pk]) + (f"#{anchor}" if anchor else "")


def _form_page(request, template, form, heading: str, back: str):
    return render(
        request,
        "reviews/report_templates/template_form.html",
        {"form": form, "template": template, "heading": heading, "back": back},
    )


@require_GET
def template_list(request):
    require(permissions.can_manage_templates(request.user))
    return render(request, "reviews/report_templates/template_list.html", {"templates": selectors.templates_list()})


@require_GET
def template_detail(request, pk):
    template = permissions.get_template_for_user(request.user, pk)
    quarters = started_quarters()
    return render(
        request,
        "reviews/report_templates/template_detail.html",
        {
            "template": template,
            "rows": list(template.header_rows.all()),
            "sections": list(template.sections.select_related("kpi_directorate", "kpi_service")),
            "committees": [d.committee for d in template.default_for.select_related("committee")],
            "quarter": selectors.quarter_to_preview(quarters) or chosen_quarter(None, quarters),
            "quarters": quarters,
        },
    )


@require_http_methods(["GET", "POST"])
def template_copy(request, pk):
    template = permissions.get_template_for_user(request.user, pk)
    form = CopyForm(request.POST if request.method == "POST" else None, initial={"name": f"Copy of {template.name}"})
    copied = {}

    def copy():
        copied["template"] = services.copy_template(template=template, by=request.user, **form.cleaned_data)

    if save_form(request, form, copy, success=lambda: f"Copied. You are now changing “{form.cleaned_data['name']}”."):
        return redirect(_detail_url(copied["template"]) if copied else "report_templates:template_list")
    return _form_page(request, template, form, f"Copy “{template.name}”", _detail_url(template))


@require_http_methods(["GET", "POST"])
def template_settings(request, pk):
    template = permissions.get_template_for_user(request.user, pk)
    initial = {name: getattr(template, name) for name in services.SETTINGS}
    initial["committees"] = [d.committee_id for d in template.default_for.all()]
    form = SettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if save_form(
        request,
        form,
        lambda: services.save_settings(template=template, by=request.user, **form.cleaned_data),
        success="Settings saved.",
        record=template,
    ):
        return redirect(_detail_url(template))
    return _form_page(request, template, form, "Template settings", _detail_url(template))


# What each part's form edits: its records, its form, what it starts from, its service, and
# what the page calls it.
PARTS = {
    "rows": (
        lambda template: template.header_rows,
        HeaderRowForm,
        lambda row: {"label": row.label, "value": row.value, "text": row.text},
        services.save_header_row,
        "header row",
        "header-rows",
    ),
    "sections": (
        lambda template: template.sections,
        SectionForm,
        lambda section: (
            {name: getattr(section, name) for name in services.SECTION_FIELDS} | {"kpi_columns": section.columns}
        ),
        services.save_section,
        "section",
        "sections",
    ),
}


def _part_form(request, pk, part: str, item_pk=None):
    template = permissions.get_template_for_user(request.user, pk)
    records, form_class, initial_of, save, noun, anchor = PARTS[part]
    item = get_object_or_404(records(template), pk=item_pk) if item_pk else None
    form = form_class(request.POST if request.method == "POST" else None, initial=initial_of(item) if item else {})
    field = "row" if part == "rows" else "section"
    if save_form(
        request,
        form,
        lambda: save(template=template, by=request.user, **{field: item}, **form.cleaned_data),
        success=f"{noun.capitalize()} saved.",
        record=item,
    ):
        return redirect(_detail_url(template, anchor))
    heading = f"Change the {noun} “{item}”" if item else f"Add a {noun}"
    return _form_page(request, template, form, heading, _detail_url(template, anchor))


@require_http_methods(["GET", "POST"])
def row_form(request, pk, row_pk=None):
    return _part_form(request, pk, "rows", row_pk)


@require_http_methods(["GET", "POST"])
def section_form(request, pk, section_pk=None):
    return _part_form(request, pk, "sections", section_pk)


def _item(template, part: str, item_pk: int):
    if part not in PARTS:
        raise Http404
    records, *_, anchor = PARTS[part]
    return get_object_or_404(records(template), pk=item_pk), anchor


@require_POST
def item_move(request, pk, part, item_pk):
    template = permissions.get_template_for_user(request.user, pk)
    item, anchor = _item(template, part, item_pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest("Say whether to move it up or down.")
    services.move(item=item, by=request.user, up=direction == "up")
    return redirect(_detail_url(template, anchor))


@require_POST
def item_remove(request, pk, part, item_pk):
    template = permissions.get_template_for_user(request.user, pk)
    item, anchor = _item(template, part, item_pk)
    name = getattr(item, "title", None) or item.label
    try:
        services.remove(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Removed: {name}")
    return redirect(_detail_url(template, anchor))


@require_GET
def template_preview(request, pk, kind):
    """The report a new draft from this template would be for the chosen quarter, marked
    as a draft: nothing is saved."""
    template = permissions.get_template_for_user(request.user, pk)
    if kind not in {"html", "pdf"}:
        raise Http404
    quarter = chosen_quarter(request.GET.get("quarter"), started_quarters())
    if quarter is None:
        raise Http404("No quarter to preview with.")
    document = selectors.preview(template, quarter)
    try:
        with pdf.one_of_a_few(request.user):
            if kind == "html":
                return HttpResponse(report_files.report_html(document))
            content = report_files.report_pdf(document)
    except pdf.CannotRender as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(template))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="template-preview-{quarter.ref.slug}.pdf"'
    return response
