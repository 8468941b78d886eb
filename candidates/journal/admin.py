"""*Journal des accès* in the Wagtail admin: administrators read and filter it; nobody edits it.

An entry keeps only identifiers; the listing and the inspect view name the author, the candidate, the
dossier and the object, linked to their admin pages while they exist, and give the time in Paris time."""

import django_filters
from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView

from ..accounts.models import Counsellor, User
from ..attestations.models import Attestation
from ..dossiers.models import Dossier
from ..wagtail_admin.access import AdministratorsReadOnlyViewSet
from ..wagtail_admin.listing import paris_datetime
from .models import AuditEvent


class JournalFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Période"), widget=DateRangePickerWidget)
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AuditEvent.Action.choices, empty_label=_("Toutes"), widget=forms.Select
    )
    actor_name = django_filters.CharFilter(label=_("Auteur (identifiant)"), lookup_expr="iexact")
    candidate_id = django_filters.NumberFilter(label=_("Candidat n°"))
    dossier_id = django_filters.NumberFilter(label=_("Dossier n°"))

    class Meta:
        model = AuditEvent
        fields = ["created_at", "action", "actor_name", "candidate_id", "dossier_id"]


COLUMNS = ["created_at", "actor_name", "action", "object_type", "object_id", "candidate_id", "dossier_id"]


# Names and links -------------------------------------------------------------------------------------


def _link(url: str | None, text) -> str:
    return format_html('<a href="{}">{}</a>', url, text) if url else format_html("{}", text)


def _person(user: User) -> str:
    return user.get_full_name() or user.username


def _admin_url(name: str, pk) -> str | None:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


DOSSIER_URL = "candidates_dossier_modeladmin_inspect"
ATTESTATION_URL = "candidates_attestation_modeladmin_inspect"
COUNSELLOR_URL = "candidates_counsellor_modeladmin_edit"


def describe(events) -> None:
    """Give each of `events` its `author`, `candidate`, `dossier` and `about` (the object), as HTML.

    A handful of queries for a page of entries, whatever its length."""
    events = list(events)
    dossier_ids = {e.dossier_id for e in events if e.dossier_id}
    candidate_ids = {e.candidate_id for e in events if e.candidate_id}
    actor_ids = {e.actor_id for e in events if e.actor_id}
    users = User.objects.in_bulk(candidate_ids | actor_ids)
    counsellors = set(Counsellor.objects.filter(pk__in=actor_ids).values_list("pk", flat=True))
    dossiers = Dossier.objects.select_related("candidate").in_bulk(dossier_ids)
    dossier_of = dict(Dossier.objects.filter(candidate_id__in=candidate_ids).values_list("candidate_id", "pk"))
    wanted = {e.object_id for e in events if e.object_id.isdigit()}
    attestations = Attestation.objects.in_bulk([int(pk) for pk in wanted]) if wanted else {}
    attestation_type = str(Attestation._meta.verbose_name)
    dossier_type = str(Dossier._meta.verbose_name)
    for event in events:
        if event.actor_id in users:
            actor = users[event.actor_id]
            url = _admin_url(COUNSELLOR_URL, actor.pk) if actor.pk in counsellors else None
            event.author = _link(url, f"{_person(actor)} ({actor.username})")
        else:
            event.author = format_html("{}", event.actor_name or _("le portail"))

        if event.candidate_id in users:
            candidate_dossier = dossier_of.get(event.candidate_id)
            url = _admin_url(DOSSIER_URL, candidate_dossier) if candidate_dossier else None
            event.candidate = _link(url, _person(users[event.candidate_id]))
        elif event.candidate_id:
            event.candidate = format_html("{} ({})", _("candidat n°%s") % event.candidate_id, _("supprimé"))
        else:
            event.candidate = ""

        if event.dossier_id in dossiers:
            dossier = dossiers[event.dossier_id]
            text = _("Dossier de bilan de %(name)s") % {"name": _person(dossier.candidate)}
            event.dossier = _link(_admin_url(DOSSIER_URL, dossier.pk), text)
        elif event.dossier_id:
            event.dossier = format_html("{} ({})", _("dossier n°%s") % event.dossier_id, _("supprimé"))
        else:
            event.dossier = ""

        event.about = _about(event, attestations, dossiers, attestation_type, dossier_type)


def _about(event, attestations, dossiers, attestation_type, dossier_type) -> str:
    if not event.object_type:
        return ""
    kind = event.object_type[:1].upper() + event.object_type[1:]
    pk = int(event.object_id) if event.object_id.isdigit() else None
    if event.object_type == attestation_type and pk in attestations:
        text = format_html('{} <span class="w-whitespace-nowrap">{}</span>', kind, attestations[pk].reference)
        return _link(_admin_url(ATTESTATION_URL, pk), text)
    if event.object_type == dossier_type and pk in dossiers:
        return _link(_admin_url(DOSSIER_URL, pk), kind)
    return format_html("{} n°{}", kind, event.object_id) if event.object_id else format_html("{}", kind)


INSPECT_LABELS = {
    "created_at": _("Date (heure de Paris)"),
    "actor_name": _("Auteur"),
    "candidate_id": _("Candidat"),
    "dossier_id": _("Dossier"),
    "object_type": _("Objet"),
}


class JournalIndexView(IndexView):
    def get_table(self, object_list):
        events = list(object_list)
        describe(events)
        return super().get_table(events)


class JournalInspectView(InspectView):
    """The entry, named and linked as in the listing; its time in Paris time."""

    def get_object(self, queryset=None):
        event = super().get_object(queryset)
        describe([event])
        return event

    def get_page_subtitle(self):
        return f"{paris_datetime(self.object.created_at)} – {self.object.get_action_display()}"

    def get_field_label(self, field_name, field):
        return INSPECT_LABELS.get(field_name) or super().get_field_label(field_name, field)

    def get_created_at_display_value(self):
        return paris_datetime(self.object.created_at)

    def get_actor_name_display_value(self):
        return self.object.author

    def get_candidate_id_display_value(self):
        return self.object.candidate or "-"

    def get_dossier_id_display_value(self):
        return self.object.dossier or "-"

    def get_object_type_display_value(self):
        return self.object.about or "-"


class JournalViewSet(AdministratorsReadOnlyViewSet):
    model = AuditEvent
    icon = "list-ul"
    menu_label = _("Journal des accès")
    menu_order = 900
    filterset_class = JournalFilterSet
    index_view_class = JournalIndexView
    inspect_view_class = JournalInspectView
    list_display = [
        "created_at",
        Column("author", label=_("Auteur")),
        "action",
        Column("candidate", label=_("Candidat")),
        Column("about", label=_("Objet")),
    ]
    # the action's label (« réponses consultées »), not its code
    list_export = [column if column != "action" else "get_action_display" for column in [*COLUMNS, "detail"]]
    export_headings = {"get_action_display": _("Action")}
    export_filename = "journal-des-acces"
    inspect_view_fields = ["created_at", "actor_name", "action", "candidate_id", "dossier_id", "object_type", "detail"]
