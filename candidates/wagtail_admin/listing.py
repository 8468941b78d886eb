"""How the académie's ModelAdmin screens read, in French: Oui/Non instead of Django admin's icons (which
are not installed), sentence-case labels, the menu entry as the page title, French empty states.

Each ModelAdmin of the portal derives from `FrenchModelAdmin` and names its empty states
(`empty_label`, `no_results_label`) and its add button (`add_label`)."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import InspectView

LISTING_CSS = ["css/admin-listings.css"]


def yes_no(value) -> str:
    return _("Oui") if value else _("Non")


def yes_no_column(field_name: str, label):
    """A ModelAdmin method (a list_display column) showing a boolean field as « Oui » / « Non »,
    sortable by the field."""

    def column(model_admin, obj):
        return yes_no(getattr(obj, field_name))

    column.short_description = label
    column.admin_order_field = field_name
    column.__name__ = f"{field_name}_yes_no"
    return column


def paris_datetime(value: datetime.datetime) -> str:
    """« 7 mars 2026 09:00 », in the portal's time zone (settings.TIME_ZONE, Paris)."""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


class FrenchButtonHelper(ButtonHelper):
    """« Ajouter un conseiller », not « Ajouter un(e) conseiller »; « Modifier », not « Modifier ce/cette… »."""

    def add_button(self, *args, **kwargs):
        button = super().add_button(*args, **kwargs)
        if label := getattr(self.view.model_admin, "add_label", None):
            button["label"] = button["title"] = label
        return button

    def inspect_button(self, *args, **kwargs):
        return self._titled_as_labelled(super().inspect_button(*args, **kwargs))

    def edit_button(self, *args, **kwargs):
        return self._titled_as_labelled(super().edit_button(*args, **kwargs))

    def delete_button(self, *args, **kwargs):
        return self._titled_as_labelled(super().delete_button(*args, **kwargs))

    @staticmethod
    def _titled_as_labelled(button):
        button["title"] = button["label"]
        return button


class FrenchIndexMixin:
    """The listing is titled as its menu entry (Bilans › Candidats is « Candidats »)."""

    def get_page_title(self):
        return self.model_admin.menu_label

    def get_meta_title(self):
        return self.get_page_title()


class FrenchInspectView(InspectView):
    """Labels in sentence case, booleans as Oui/Non, dates in Paris time, the object in the title."""

    def get_meta_title(self):
        return _("%(object)s – %(model)s") % {"object": self.instance, "model": self.model_admin.menu_label}

    def get_field_label(self, field_name, field=None):
        if label := self.model_admin.inspect_labels.get(field_name):
            return label
        return capfirst(super().get_field_label(field_name, field))

    def get_field_display_value(self, field_name, field=None):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, datetime.datetime):
            return paris_datetime(value)
        return value


class FrenchModelAdmin(ModelAdmin):
    empty_label = _("Aucun élément.")
    no_results_label = _("Aucun élément ne correspond à ces critères.")
    add_label = None
    inspect_labels = {}  # field name → label, where the model's (a portal form's) does not suit the admin
    index_template_name = "candidates/admin/index.html"
    inspect_template_name = "candidates/admin/inspect.html"
    inspect_view_class = FrenchInspectView
    button_helper_class = FrenchButtonHelper
    index_view_extra_css = LISTING_CSS
    inspect_view_extra_css = LISTING_CSS
