"""The CSV/XLSX exports of the admin listings (Candidats, Attestations de présence, Journal des accès)."""

from django.contrib.admin.utils import label_for_field
from django.utils.text import capfirst

from .admin_filters import FilteredIndexView
from .spreadsheets import safe_cell


class SafeCsvExportMixin:
    """Wagtail's CSV writer does not escape: every cell goes through `safe_cell`, so none is read as a formula.

    (Its XLSX writer already stores such cells as text.)"""

    def write_csv_row(self, writer, row_dict):
        cells = {field: self.preprocess_field_value(field, value, self.FORMAT_CSV) for field, value in row_dict.items()}
        return writer.writerow({field: safe_cell(cell) for field, cell in cells.items()})


class ExportIndexView(SafeCsvExportMixin, FilteredIndexView):
    """A ModelAdmin listing whose export headings are as the listing shows them (French, not Title Cased),
    or the admin's `export_headings`."""

    def get_heading(self, queryset, field):
        heading = getattr(self.model_admin, "export_headings", {}).get(field)
        if heading:
            return str(heading)
        return capfirst(str(label_for_field(field, model=self.model, model_admin=self.model_admin)))
