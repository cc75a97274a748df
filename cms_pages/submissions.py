"""The contact form's submissions as the admin lists and exports them.

Wagtail's form builder lists a form page's submissions and exports them as
CSV or XLSX. What visitors wrote goes into those files: every cell and
heading is neutralised (`cms_pages.spreadsheets`) so that a spreadsheet never
runs it as a formula. XLSX texts are already text cells (Wagtail turns any
formula cell back into text); in CSV they are written after an apostrophe.
"""

from wagtail.contrib.forms.views import SubmissionsListView

from .spreadsheets import neutralised


class ContactSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list; its exports hold no formula."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralised(value)
        return value

    def get_heading(self, queryset, field):
        # Headings are the editors' labels; XLSX writes them without Wagtail's
        # formula check, so both formats neutralise them.
        return neutralised(super().get_heading(queryset, field))
