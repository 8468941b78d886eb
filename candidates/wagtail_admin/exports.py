"""The CSV/XLSX exports of the admin listings (Candidats, Attestations de présence, Journal des accès) and of
Wagtail's own reports, in the portal's French format (`candidates.spreadsheets`)."""

from collections import OrderedDict

from django.contrib.admin.utils import label_for_field, lookup_field
from django.utils.text import capfirst
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .. import spreadsheets
from .filters import FilteredIndexView


def _rows(view, queryset, export_format):
    """The headings, then one row per item, each value as the view prepares it for `export_format`."""
    yield [view.get_heading(queryset, field) for field in view.list_export]
    for item in queryset:
        yield [
            # Wagtail would turn an aware datetime into UTC for an XLSX: Paris time first.
            view.preprocess_field_value(field, spreadsheets.local(value), export_format)
            for field, value in view.to_row_dict(item).items()
        ]


def _stream_csv(view, queryset):
    return spreadsheets.csv_lines(_rows(view, queryset, view.FORMAT_CSV))


def _write_csv_response(view, queryset):
    rows = _rows(view, queryset, view.FORMAT_CSV)
    return spreadsheets.csv_response(view.get_filename(), rows, streaming=True)


def _write_xlsx(view, queryset, output):
    rows = _rows(view, queryset, view.FORMAT_XLSX)
    spreadsheets.write_xlsx(output, next(rows), rows)


def french_spreadsheets_in_every_admin_export():
    """Wagtail writes its CSV with `,`, no BOM, ISO dates and no formula escaping, and its XLSX with UTC
    times; its one export mixin serves every export of the admin: the listings (Candidats, Attestations,
    Journal des accès) and its reports (Historique du site, Pages verrouillées…), whose page titles an
    editor types. It has no setting for this: its writers are replaced, once, when the app starts
    (`CandidatesConfig.ready`), by the portal's (`candidates.spreadsheets`)."""
    SpreadsheetExportMixin.stream_csv = _stream_csv
    SpreadsheetExportMixin.write_csv_response = _write_csv_response
    SpreadsheetExportMixin.write_xlsx = _write_xlsx


class ExportIndexView(FilteredIndexView):
    """A ModelAdmin listing whose export headings are as the listing shows them (French, not Title Cased),
    or the admin's `export_headings`, and whose 0 and False stay numbers and booleans (ModelAdmin would
    write its « - » for them, as for no value)."""

    def get_heading(self, queryset, field):
        heading = getattr(self.model_admin, "export_headings", {}).get(field)
        if heading:
            return str(heading)
        return capfirst(str(label_for_field(field, model=self.model, model_admin=self.model_admin)))

    def to_row_dict(self, item):
        return OrderedDict((field, lookup_field(field, item, self.model_admin)[2]) for field in self.list_export)
