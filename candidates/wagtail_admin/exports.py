"""The CSV/XLSX exports of the admin listings (Candidats, Attestations de présence, Journal des accès)."""

from django.contrib.admin.utils import label_for_field
from django.utils.text import capfirst
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from ..spreadsheets import safe_cell
from .filters import FilteredIndexView


def _write_safe_csv_row(view, writer, row_dict):
    cells = {field: view.preprocess_field_value(field, value, view.FORMAT_CSV) for field, value in row_dict.items()}
    return writer.writerow({field: safe_cell(cell) for field, cell in cells.items()})


def escape_formulas_in_every_admin_csv():
    """Wagtail's CSV writer does not escape (its XLSX writer stores such cells as text), and it serves
    every CSV of the admin: the listings (Candidats, Attestations, Journal des accès) and its reports
    (Historique du site, Pages verrouillées…), whose page titles an editor types. It has no setting for
    this: its one row writer is replaced, once, when the app starts (`CandidatesConfig.ready`)."""
    SpreadsheetExportMixin.write_csv_row = _write_safe_csv_row


class ExportIndexView(FilteredIndexView):
    """A ModelAdmin listing whose export headings are as the listing shows them (French, not Title Cased),
    or the admin's `export_headings`."""

    def get_heading(self, queryset, field):
        heading = getattr(self.model_admin, "export_headings", {}).get(field)
        if heading:
            return str(heading)
        return capfirst(str(label_for_field(field, model=self.model, model_admin=self.model_admin)))
