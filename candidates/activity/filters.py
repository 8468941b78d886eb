"""The filters of *L'activité de l'académie* (year, DABM, counsellor) and the period they define.

A bilan belongs to year Y when it ran during Y: it started on or before 31/12/Y and ended on or after
01/01/Y (so a bilan started in November and ended in March counts in both years, as started in the first
and ended in the second). Without a year, every bilan up to today counts.

A value that is not one of the choices (`?annee=abc`, `?dabm=999999`, a NUL byte) is not applied: the
form says so next to the field, and the figures are those without that filter."""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from .. import access
from ..accounts.models import DABM, User
from ..dossiers.models import Dossier

NOT_APPLIED = _("Ce filtre n'existe pas : il n'est pas appliqué.")


@dataclass(frozen=True)
class Period:
    """The days the figures cover: `first` (None: since the beginning) to `last`; a bilan is *en cours* at
    the end of the period if it has not ended before `cutoff` (today, or 01/01 of the next year)."""

    year: int | None
    first: datetime.date | None
    last: datetime.date
    cutoff: datetime.date

    @classmethod
    def of(cls, year: int | None, today: datetime.date) -> "Period":
        if year is None or year > today.year:
            return cls(None, None, today, today)
        if year == today.year:
            return cls(year, datetime.date(year, 1, 1), today, today)
        return cls(year, datetime.date(year, 1, 1), datetime.date(year, 12, 31), datetime.date(year + 1, 1, 1))

    @property
    def ends_today(self) -> bool:
        return self.last == self.cutoff

    @property
    def running_label(self) -> str:
        if self.ends_today:
            return str(_("En cours aujourd'hui"))
        return str(_("En cours au %(day)s")) % {"day": f"{self.last:%d/%m/%Y}"}

    @property
    def label(self) -> str:
        if self.year is None:
            return str(_("toutes les années, jusqu'au %(day)s")) % {"day": f"{self.last:%d/%m/%Y}"}
        return str(_("du %(first)s au %(last)s")) % {"first": f"{self.first:%d/%m/%Y}", "last": f"{self.last:%d/%m/%Y}"}


def _choices(empty_label, options):
    return [("", empty_label), *[(str(value), label) for value, label in options]]


LONG_LIST = 200  # counsellors: more than this in one list, choose a DABM first (thousands of options, nationally)
CHOOSE_A_DABM = _("Choisissez d'abord une DABM : la liste montre ses conseillers.")


class CounsellorField(forms.TypedChoiceField):
    """Any counsellor of the académie is a valid value, whichever the list shows (those of the DABM chosen)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.valid_ids: set[str] = set()

    def valid_value(self, value) -> bool:
        return str(value) in self.valid_ids


class ActivityFilterForm(forms.Form):
    """The GET form above the figures. Its choices come from three small queries."""

    annee = forms.TypedChoiceField(label=_("Année"), required=False, coerce=int, empty_value=None)
    dabm = forms.TypedChoiceField(label=_("DABM"), required=False, coerce=int, empty_value=None)
    conseiller = CounsellorField(label=_("Conseiller"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, today: datetime.date):
        super().__init__(data)
        bounds = Dossier.objects.aggregate(first=Min("start_date"), last=Max("end_date"))
        past_years = list(range(today.year, bounds["first"].year - 1, -1)) if bounds["first"] else []
        self.dabms = dict(DABM.objects.order_by("name").values_list("pk", "name"))
        counsellors = access.with_role(User.objects.all(), access.CONSEILLER).order_by("last_name", "first_name")
        rows = counsellors.values_list("pk", "first_name", "last_name", "username", "dabm_id")
        self.counsellors = {pk: f"{last} {first}".strip() or username for pk, first, last, username, _dabm in rows}
        fields = self.fields
        fields["annee"].choices = _choices(_("Toutes les années"), [(year, year) for year in past_years])
        fields["dabm"].choices = _choices(_("Toutes les DABM"), self.dabms.items())
        fields["conseiller"].valid_ids = {"", *map(str, self.counsellors)}
        fields["conseiller"].choices = _choices(_("Tous les conseillers"), self._counsellors_listed(rows))
        for field in fields.values():
            field.error_messages["invalid_choice"] = NOT_APPLIED

    def _counsellors_listed(self, rows) -> list[tuple[int, str]]:
        """The counsellors attached to the DABM chosen (their *DABM de rattachement*) and the counsellor chosen;
        without a DABM, all of them if they are not too many, else only the one chosen, and the field says to
        choose a DABM first."""
        chosen_dabm, chosen = str(self.data.get("dabm", "")), str(self.data.get("conseiller", ""))
        if chosen_dabm in map(str, self.dabms):
            return [
                (pk, self.counsellors[pk])
                for pk, *_names, dabm in rows
                if str(dabm) == chosen_dabm or str(pk) == chosen
            ]
        if len(self.counsellors) <= LONG_LIST:
            return list(self.counsellors.items())
        self.fields["conseiller"].help_text = CHOOSE_A_DABM
        return [(pk, name) for pk, name in self.counsellors.items() if str(pk) == chosen]

    def applied(self) -> dict:
        """The filters that parse ({"annee": 2026, "dabm": None, "conseiller": 3}); the others are None."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) for name in self.fields}

    def names(self) -> dict:
        """The DABM and counsellor chosen, by name (for the page and the export's file name)."""
        applied = self.applied()
        return {"dabm": self.dabms.get(applied["dabm"]), "conseiller": self.counsellors.get(applied["conseiller"])}


def filtered_dossiers(*, dabm: int | None, conseiller: int | None):
    """The dossiers of the DABM and the counsellor chosen (the year is the period's, `figures.Scope`)."""
    dossiers = Dossier.objects.all()
    if dabm:
        dossiers = dossiers.filter(dabm_id=dabm)
    if conseiller:
        dossiers = dossiers.filter(counsellor_id=conseiller)
    return dossiers
