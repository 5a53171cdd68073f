"""Forms for the benchmark import and linking indicators to services."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from perfmgmt.form_fields import checkboxes, helper
from perfmgmt.models import Service


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Saved as CSV UTF-8, with the columns of the template.",
        error_messages={
            "required": "Choose a CSV file to upload",
            "empty": "The file is empty. Choose a CSV file with a header row and at least one row of figures.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field("file"), submit="Upload and preview")


class LinkServicesForm(forms.Form):
    services = checkboxes("Services this indicator concerns", Service.objects.order_by("name"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.checkboxes("services", legend_size=Size.MEDIUM, small=True), submit="Save services")
