import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0010_the_governance_and_audit_template"),
    ]

    operations = [
        migrations.AlterField(
            model_name="committeereport",
            name="template",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="reports", to="reviews.reporttemplate"
            ),
        ),
    ]
