"""Reads on attestations de présence, scoped by `candidates.access`."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import dateformat

from .. import access, query_params
from ..accounts.models import User
from ..dossiers.models import Dossier
from .models import Attestation


def attestations_for(user: User):
    """The attestations this person may see: a counsellor's own candidates', a candidate's own, any (administrator)."""
    return access.attestations_for(user).select_related(
        "dossier__candidate", "dossier__dabm", "dossier__counsellor", "counsellor"
    )


def attestation_for(user: User, pk: int) -> Attestation:
    return get_object_or_404(attestations_for(user), pk=pk)


def attested_minutes(dossier: Dossier) -> int:
    return dossier.attestations.total_minutes()


def dossier_attestations(dossier: Dossier):
    return dossier.attestations.select_related("counsellor").order_by("-start")


@dataclass
class AttestationFilters:
    dossier: int | None = None
    month: str = ""  # "2026-03"

    @classmethod
    def from_query(cls, query) -> "AttestationFilters":
        month = query.get("mois", "")
        valid_month = query_params.year_month(month) is not None
        return cls(dossier=query_params.positive_int(query.get("candidat")), month=month if valid_month else "")

    def query_prefix(self) -> str:
        parts = [f"candidat={self.dossier}" if self.dossier else "", f"mois={self.month}" if self.month else ""]
        return "".join(f"{part}&" for part in parts if part)


def counsellor_attestations(counsellor: User, filters: AttestationFilters):
    attestations = attestations_for(counsellor).select_related("counsellor").order_by("-start")
    if filters.dossier:
        attestations = attestations.filter(dossier_id=filters.dossier)
    if filters.month:
        year, month = query_params.year_month(filters.month)
        attestations = attestations.filter(start__year=year, start__month=month)
    return attestations


def attestation_months(counsellor: User) -> list[tuple[str, str]]:
    """The months in which this counsellor's candidates have attestations, newest first, as the filter's
    `?mois=` value and its label: `("2026-03", "mars 2026")`."""
    months = attestations_for(counsellor).dates("start", "month", order="DESC")
    return [(f"{month:%Y-%m}", dateformat.format(month, "F Y")) for month in months]
