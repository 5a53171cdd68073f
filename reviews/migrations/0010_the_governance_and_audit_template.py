"""The template the product has always printed, the Governance and Audit Committee's
report, as data: every existing report is filed under it, and every committee set up so
far starts its reports from it."""

from django.db import migrations

from reviews.reports.shipped import NAME, make_governance_and_audit


def ship(apps, schema_editor):
    models = {name: apps.get_model("reviews", name) for name in ("ReportTemplate", "TemplateHeaderRow", "TemplateSection")}
    template = make_governance_and_audit(**models)
    apps.get_model("reviews", "CommitteeReport").objects.update(template=template)
    DefaultTemplate = apps.get_model("reviews", "DefaultTemplate")
    for committee in apps.get_model("perfmgmt", "Committee").objects.all():
        DefaultTemplate.objects.create(committee=committee, template=template)


def unship(apps, schema_editor):
    apps.get_model("reviews", "CommitteeReport").objects.update(template=None)
    apps.get_model("reviews", "DefaultTemplate").objects.all().delete()
    apps.get_model("reviews", "ReportTemplate").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0009_reports_follow_a_template"),
        ("perfmgmt", "0008_submission_keys_expire"),
    ]

    operations = [migrations.RunPython(ship, unship)]
