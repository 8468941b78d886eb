"""List filters of the académie's admin listings (Candidats, Attestations de présence, Conseillers, DABM).

A value that does not parse (`?conseiller=abc`, `?annee=²`, `?mois=2026-13`) filters nothing (`query_params`);
a parameter that is no filter of the listing shows the listing without filters (`FilteredIndexView`)."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.views import IndexView

from .. import query_params
from ..accounts.models import DABM, Counsellor
from ..dossiers.models import Dossier
from .listing import FrenchIndexMixin


class ListFilter(SimpleListFilter):
    """Titled « Conseiller », « Statut »… above its choices (not « Par conseiller »)."""

    template = "candidates/admin/filter.html"


class CounsellorFilter(ListFilter):
    title = _("conseiller")
    parameter_name = "conseiller"
    field = "counsellor"

    def lookups(self, request, model_admin):
        return [(str(user.pk), str(user)) for user in Counsellor.objects.all()]

    def queryset(self, request, queryset):
        if pk := query_params.positive_int(self.value()):
            return queryset.filter(**{f"{self.field}_id": pk})
        return queryset


class DossierStatusFilter(ListFilter):
    """*En cours* until the bilan's end date, *terminé* after it."""

    title = _("statut")
    parameter_name = "statut"

    def lookups(self, request, model_admin):
        return [("en_cours", _("En cours")), ("termine", _("Terminé"))]

    def queryset(self, request, queryset):
        if self.value() == "en_cours":
            return queryset.filter(pk__in=Dossier.objects.in_progress())
        if self.value() == "termine":
            return queryset.filter(pk__in=Dossier.objects.over())
        return queryset


class YearFilter(ListFilter):
    """The year the bilan started."""

    title = _("année")
    parameter_name = "annee"

    def lookups(self, request, model_admin):
        years = model_admin.model._default_manager.dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if year := query_params.year(self.value()):
            return queryset.filter(start_date__year=year)
        return queryset


class MonthFilter(ListFilter):
    """The month of the session (Paris time), e.g. « mars 2026 »."""

    title = _("mois")
    parameter_name = "mois"

    def lookups(self, request, model_admin):
        months = model_admin.model._default_manager.dates("start", "month", order="DESC")
        return [(f"{day:%Y-%m}", dateformat.format(day, "F Y")) for day in months]

    def queryset(self, request, queryset):
        if year_month := query_params.year_month(self.value()):
            year, month = year_month
            return queryset.filter(start__year=year, start__month=month)
        return queryset


class DABMFilter(CounsellorFilter):
    title = _("DABM")
    parameter_name = "dabm"
    field = "dabm"

    def lookups(self, request, model_admin):
        return [(str(dabm.pk), dabm.name) for dabm in DABM.objects.all()]


class AttestationDABMFilter(DABMFilter):
    field = "dossier__dabm"


class AccountStatusFilter(ListFilter):
    """*Actif* or *Désactivé* (`is_active__exact`, the parameter of Django's own boolean filter)."""

    title = _("compte")
    parameter_name = "is_active__exact"

    def lookups(self, request, model_admin):
        return [("1", _("Actif")), ("0", _("Désactivé"))]

    def queryset(self, request, queryset):
        if self.value() in ("0", "1"):
            return queryset.filter(is_active=self.value() == "1")
        return queryset


class FilteredIndexView(FrenchIndexMixin, IndexView):
    """A ModelAdmin listing filtered by its own filters only, titled as its menu entry.

    Wagtail's ModelAdmin would apply any other parameter as a database lookup: a 500 for an unknown one, and
    for a known one a search in what the listing does not show (`?candidate__password__startswith=…`)."""

    def get_filters(self, request):
        filter_specs, has_filters, other_lookups, use_distinct = super().get_filters(request)
        if other_lookups:
            raise IncorrectLookupParameters(sorted(other_lookups))
        return filter_specs, has_filters, other_lookups, use_distinct

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.warning(request, _("Ce filtre n'existe pas : la liste est affichée sans filtre."))
            return redirect(self.index_url)
