"""What *Mes données* holds about a candidate (`collect`: read in a fixed number of queries whatever
the volume) and its plain JSON, donnees.json (`export_data`). The archive itself: `documents.archive`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from candidates.files import uploads
from candidates.models import (
    Appointment,
    Attestation,
    CalendarFeed,
    Comment,
    Dossier,
    PhaseResponse,
    PrivateFile,
    Synthesis,
    SynthesisNote,
    SynthesisVersion,
    User,
)
from phases.history import has_answer
from phases.models import PublishedPart

if TYPE_CHECKING:
    from .archive import Layout

FORMAT_VERSION = 1


@dataclass
class Holdings:
    """Everything read about one candidate, before it is written out."""

    candidate: User
    dossier: Dossier | None
    assigned_phases: list = field(default_factory=list)
    responses: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    attestations: list = field(default_factory=list)
    appointments: list = field(default_factory=list)
    files: list = field(default_factory=list)
    synthesis: Synthesis | None = None
    synthesis_versions: list = field(default_factory=list)  # newest first
    sharing_consents: list = field(default_factory=list)
    dismissed_suggestions: list = field(default_factory=list)  # « Ne plus me le suggérer » (Mes métiers)
    calendar_feed_since: datetime.datetime | None = None  # when a subscription address was made (never its token)


def collect(candidate: User) -> Holdings:
    """Read everything the portal holds about `candidate`, in a fixed number of queries."""
    dossier = (
        Dossier.objects.select_related("counsellor", "dabm", "candidate__dabm").filter(candidate=candidate).first()
    )
    if dossier is not None:
        candidate = dossier.candidate
    holdings = Holdings(
        candidate=candidate,
        dossier=dossier,
        responses=list(PhaseResponse.objects.filter(candidate=candidate).select_related("phase")),
        comments=list(
            Comment.objects.filter(candidate=candidate).select_related("phase", "author").order_by("created_at", "pk")
        ),
        notes=list(SynthesisNote.objects.filter(candidate=candidate).exclude(text="").select_related("phase")),
        files=list(
            PrivateFile.objects.filter(owner=candidate).select_related("uploaded_by").order_by("created_at", "pk")
        ),
        calendar_feed_since=CalendarFeed.objects.filter(user=candidate).values_list("created_at", flat=True).first(),
    )
    if dossier is not None:
        holdings.assigned_phases = list(dossier.phases.order_by("path"))
        holdings.attestations = list(
            Attestation.objects.filter(dossier=dossier).select_related("counsellor").order_by("start", "pk")
        )
        for attestation in holdings.attestations:
            attestation.dossier = dossier  # the PDF reads the dossier, its DABM and candidate: already here
        holdings.appointments = list(
            Appointment.objects.filter(dossier=dossier).select_related("counsellor", "phase").order_by("start", "pk")
        )
        holdings.synthesis = Synthesis.objects.filter(dossier=dossier).first()
        holdings.synthesis_versions = list(SynthesisVersion.objects.filter(synthesis__dossier=dossier))
        holdings.sharing_consents = list(dossier.sharing_consents.all())
        holdings.dismissed_suggestions = list(dossier.dismissed_suggestions.all())
    return holdings


def _when(value) -> str | None:
    """ISO 8601: a date as 2026-10-05, a moment in Paris time as 2026-10-05T09:00:00+02:00."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    return value.isoformat()


def _name(user: User | None) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username


def _answer_entry(shown, stored) -> dict:
    """One answer in plain JSON, as its block exports it, with the question as the candidate saw it;
    an answer that no longer fits its question (its type was changed) is exported as stored."""
    entry = {
        "question": shown.child.value["label"],
        "type": str(shown.child.block.meta.label),
        "reponse": shown.export_answer(stored),
    }
    if shown.retired:
        entry["question_retiree_du_questionnaire_le"] = _when(shown.retired_on)
    return entry


def _phase_entry(phase, response: PhaseResponse | None, assigned: bool, retirements: dict) -> dict:
    response = response or PhaseResponse(phase=phase)
    answers = response.answers
    shown_answers = response.shown_answers(phase, retirements) if answers else []
    entry = {
        "titre": phase.title,
        "phase_legale": phase.get_legal_phase_display(),
        "attribuee": assigned,
        "statut": response.get_status_display(),
        "commencee_le": _when(response.created_at),
        "modifiee_le": _when(response.updated_at),
        "terminee_le": _when(response.completed_at),
        "reponses": [
            _answer_entry(shown, answers[shown.child.id])
            for shown in shown_answers
            if has_answer(answers.get(shown.child.id))
        ],
    }
    shown_ids = {shown.child.id for shown in shown_answers}
    unknown = [{"identifiant": key, "reponse": value} for key, value in answers.items() if key not in shown_ids]
    if unknown:
        # Answers to questions deleted before the portal kept what candidates saw: exported as stored.
        entry["reponses_a_des_questions_retirees"] = unknown
    return entry


def _phases(holdings: Holdings) -> list[dict]:
    """Every phase assigned to the candidate or answered by them, in the bilan's order."""
    responses = {response.phase_id: response for response in holdings.responses}
    phases = {phase.pk: phase for phase in holdings.assigned_phases}
    assigned = set(phases)
    for response in holdings.responses:
        phases.setdefault(response.phase_id, response.phase)
    ordered = sorted(phases.values(), key=lambda phase: phase.path)
    retirements = PublishedPart.retirements(phases)
    return [
        _phase_entry(phase, responses.get(phase.pk), phase.pk in assigned, retirements.get(phase.pk, {}))
        for phase in ordered
    ]


def _account(holdings: Holdings, layout: Layout) -> dict:
    candidate, dossier = holdings.candidate, holdings.dossier
    dabm = candidate.dabm or (dossier.dabm if dossier else None)
    return {
        "nom_utilisateur": candidate.username,
        "prenom": candidate.first_name,
        "nom": candidate.last_name,
        "courriel": candidate.email,
        "telephone": dossier.phone if dossier else "",
        "role": str(candidate.role_label),
        "compte_actif": candidate.is_active,
        "dabm": dabm.name if dabm else None,
        "inscrit_le": _when(candidate.date_joined),
        "derniere_connexion": _when(candidate.last_login),
        "notifications_des_commentaires_par_courriel": candidate.notify_comments,
        "abonnement_agenda_cree_le": _when(holdings.calendar_feed_since),
        "photo": layout.photo,
    }


def _dossier(holdings: Holdings) -> dict | None:
    dossier = holdings.dossier
    if dossier is None:
        return None
    return {
        "conseiller": _name(dossier.counsellor),
        "dabm": {"nom": dossier.dabm.name, "ville": dossier.dabm.city, "adresse": dossier.dabm.address},
        "modalites": str(dossier.modalites_label),
        "a_distance": dossier.remote,
        "presentiel": dossier.on_site,
        "date_de_debut": _when(dossier.start_date),
        "date_de_fin": _when(dossier.end_date),
        "cree_le": _when(dossier.created_at),
        "phases_attribuees": [phase.title for phase in holdings.assigned_phases],
        "conservation_de_la_synthese_acceptee": dossier.keep_synthesis,
    }


def _synthesis(holdings: Holdings, layout: Layout) -> dict | None:
    synthesis = holdings.synthesis
    if synthesis is None:
        return None
    return {
        "publiee_le": _when(holdings.synthesis_versions[0].published_at) if holdings.synthesis_versions else None,
        "versions_publiees": [
            {"version": version.number, "publiee_le": _when(version.published_at)}
            for version in holdings.synthesis_versions
        ],
        "document": layout.synthesis,
        "accords_de_communication": [
            {
                "destinataire": consent.recipient,
                "donne_le": _when(consent.given_at),
                "retire_le": _when(consent.revoked_at),
            }
            for consent in holdings.sharing_consents
        ],
        "observations": synthesis.observations,
        "observations_du": _when(synthesis.observations_at),
    }


def export_data(holdings: Holdings, layout: Layout, *, generated_at: datetime.datetime) -> dict:
    """donnees.json, as a dict."""
    return {
        "export": {
            "portail": "Mon bilan en ligne",
            "format": FORMAT_VERSION,
            "genere_le": _when(generated_at),
        },
        "compte": _account(holdings, layout),
        "dossier": _dossier(holdings),
        "phases": _phases(holdings),
        "commentaires": [
            {"phase": c.phase.title, "auteur": _name(c.author), "date": _when(c.created_at), "texte": c.text}
            for c in holdings.comments
        ],
        "notes_de_synthese_du_conseiller": [
            {"phase": n.phase.title, "texte": n.text, "modifiees_le": _when(n.updated_at)}
            for n in sorted(holdings.notes, key=lambda note: note.phase.path)
        ],
        "attestations": [
            {
                "reference": a.reference,
                "debut": _when(a.start),
                "fin": _when(a.end),
                "duree_minutes": a.duration_minutes,
                "duree": a.duration_label,
                "conseiller": _name(a.counsellor),
                "au_dela_de_24_heures": a.over_cap,
                "etablie_le": _when(a.created_at),
                "document": layout.attestations[a.pk],
            }
            for a in holdings.attestations
        ],
        "rendez_vous": [
            {
                "objet": r.subject,
                "debut": _when(r.start),
                "fin": _when(r.end),
                "modalite": r.get_modality_display(),
                "lieu": r.place,
                "lien_de_visioconference": r.meeting_link,
                "phase": r.phase.title if r.phase else None,
                "conseiller": _name(r.counsellor),
                "notes_du_conseiller": r.notes,
                "annule_le": _when(r.cancelled_at),
            }
            for r in holdings.appointments
        ],
        "fichiers": [
            {
                "nom": f.original_name,
                "chemin_dans_l_archive": layout.files.get(f.pk),  # None: the stored file is lost
                "type": uploads.LABELS.get(f.content_type, f.content_type),
                "taille_octets": f.size,
                "depose_le": _when(f.created_at),
                "depose_par": _name(f.uploaded_by),
            }
            for f in holdings.files
        ],
        "synthese": _synthesis(holdings, layout),
        "metiers_ecartes_des_suggestions": [
            {"fiche_rome": d.fiche_code, "intitule": d.fiche_label, "ecarte_le": _when(d.dismissed_at)}
            for d in holdings.dismissed_suggestions
        ],
    }
