"""List filters of the académie's admin listings (Candidats, Attestations de présence)."""

from django.contrib.admin import SimpleListFilter
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from .models import DABM, Counsellor


class CounsellorFilter(SimpleListFilter):
    title = _("conseiller")
    parameter_name = "conseiller"
    field = "counsellor"

    def lookups(self, request, model_admin):
        return [(str(user.pk), str(user)) for user in Counsellor.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field}_id": self.value()})
        return queryset


class DossierStatusFilter(SimpleListFilter):
    """*En cours* until the bilan's end date, *terminé* after it."""

    title = _("statut")
    parameter_name = "statut"

    def lookups(self, request, model_admin):
        return [("en_cours", _("En cours")), ("termine", _("Terminé"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "en_cours":
            return queryset.filter(end_date__gte=today)
        if self.value() == "termine":
            return queryset.filter(end_date__lt=today)
        return queryset


class YearFilter(SimpleListFilter):
    """The year the bilan started."""

    title = _("année")
    parameter_name = "annee"

    def lookups(self, request, model_admin):
        years = model_admin.model._default_manager.dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(start_date__year=int(self.value()))
        return queryset


class MonthFilter(SimpleListFilter):
    """The month of the session (Paris time), e.g. « mars 2026 »."""

    title = _("mois")
    parameter_name = "mois"

    def lookups(self, request, model_admin):
        months = model_admin.model._default_manager.dates("start", "month", order="DESC")
        return [(f"{day:%Y-%m}", dateformat.format(day, "F Y")) for day in months]

    def queryset(self, request, queryset):
        year, _sep, month = (self.value() or "").partition("-")
        if year.isdigit() and month.isdigit():
            return queryset.filter(start__year=int(year), start__month=int(month))
        return queryset


class DABMFilter(CounsellorFilter):
    title = _("DABM")
    parameter_name = "dabm"
    field = "dabm"

    def lookups(self, request, model_admin):
        return [(str(dabm.pk), dabm.name) for dabm in DABM.objects.all()]


class AttestationDABMFilter(DABMFilter):
    field = "dossier__dabm"
