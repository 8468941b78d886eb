"""What a candidate does from *Mes métiers*: keep a job among their envisaged ones, put a missing
competence in their plan d'action, dismiss a suggestion (and bring it back). The first two write the
candidate's answers, as the phase screen would, through `dossiers.services.response_save`."""

from django.db import transaction
from django.utils.translation import gettext as _

from phases.rome_catalogues import JobCatalogue
from phases.rome_profile import action_plan_question, considered_jobs_question
from skills.models import Competence, Fiche, Savoir

from ..accounts.models import User
from ..dossiers import services as dossier_services
from ..dossiers.models import Dossier, PhaseResponse
from .models import DismissedSuggestion


class NotPossible(Exception):
    """The action cannot be done; the message says why and what to do."""


def _phases(dossier: Dossier):
    return list(dossier.phases.live().order_by("path"))


def _write(*, candidate: User, phase, block_id: str, answer) -> None:
    """Save `answer` to one question of `phase`, on the candidate's latest version."""
    response = PhaseResponse.objects.filter(candidate=candidate, phase=phase).first()
    try:
        dossier_services.response_save(
            candidate=candidate, phase=phase, answers={block_id: answer}, version=response.version if response else 0
        )
    except dossier_services.PhaseFinished:
        raise NotPossible(
            _("La phase « %(title)s » est terminée : rouvrez-la pour y ajouter quelque chose.") % {"title": phase.title}
        ) from None


def _answer(candidate: User, phase, block_id: str):
    response = PhaseResponse.objects.filter(candidate=candidate, phase=phase).first()
    return (response.answers if response else {}).get(block_id)


@transaction.atomic
def job_envisage(*, candidate: User, dossier: Dossier, appellation_code: str) -> str:
    """Add a job title to the candidate's first list of envisaged jobs; returns what to tell them."""
    entry = JobCatalogue().lookup([appellation_code]).get(appellation_code)
    if entry is None:
        raise NotPossible(_("Ce métier ne figure pas dans le ROME."))
    target = considered_jobs_question(_phases(dossier))
    if target is None:
        raise NotPossible(
            _("Votre parcours ne comporte pas de liste de métiers envisagés : parlez-en à votre conseiller.")
        )
    phase, child = target
    answer = _answer(candidate, phase, child.id)
    if child.block.is_full(child.value, answer):
        raise NotPossible(
            _("Votre liste de métiers envisagés est complète : retirez-en un dans « %(title)s ».")
            % {"title": phase.title}
        )
    updated = child.block.with_job(child.value, answer, entry)
    if updated is None:
        return _("« %(label)s » figure déjà dans vos métiers envisagés.") % {"label": entry.label}
    _write(candidate=candidate, phase=phase, block_id=child.id, answer=updated)
    return _("« %(label)s » est ajouté à vos métiers envisagés (phase « %(title)s »).") % {
        "label": entry.label,
        "title": phase.title,
    }


def step_text(*, fiche: Fiche, item) -> str:
    """« Acquérir : Réaliser des soins… (pour Aide-soignant / Aide-soignante, J1501) »."""
    return _("Acquérir : %(item)s (pour %(fiche)s, %(code)s)") % {
        "item": item.label,
        "fiche": fiche.label,
        "code": fiche.code,
    }


@transaction.atomic
def plan_step_add(*, candidate: User, dossier: Dossier, fiche_code: str, item_code: str) -> str:
    """Add « Acquérir : … » for a competence or a savoir of a fiche to the candidate's plan d'action."""
    fiche = Fiche.objects.filter(code=fiche_code).first()
    item = Competence.objects.filter(code=item_code).first() or Savoir.objects.filter(code=item_code).first()
    if fiche is None or item is None:
        raise NotPossible(_("Cette compétence ne figure pas dans le ROME."))
    target = action_plan_question(_phases(dossier))
    if target is None:
        raise NotPossible(_("Votre parcours ne comporte pas de plan d'action : parlez-en à votre conseiller."))
    phase, child = target
    answer = _answer(candidate, phase, child.id)
    if child.block.is_full(child.value, answer):
        raise NotPossible(
            _("Votre plan d'action est complet : videz une ligne dans « %(title)s ».") % {"title": phase.title}
        )
    updated = child.block.with_step(child.value, answer, step_text(fiche=fiche, item=item))
    if updated is None:
        return _("Cette étape figure déjà dans votre plan d'action.")
    _write(candidate=candidate, phase=phase, block_id=child.id, answer=updated)
    return _("Étape ajoutée à votre plan d'action (phase « %(title)s ») : « %(label)s ».") % {
        "title": phase.title,
        "label": item.label,
    }


@transaction.atomic
def suggestion_dismiss(*, dossier: Dossier, fiche_code: str) -> DismissedSuggestion:
    fiche = Fiche.objects.filter(code=fiche_code).first()
    if fiche is None:
        raise NotPossible(_("Ce métier ne figure pas dans le ROME."))
    dismissed, _created = DismissedSuggestion.objects.get_or_create(
        dossier=dossier, fiche_code=fiche.code, defaults={"fiche_label": fiche.label}
    )
    return dismissed


@transaction.atomic
def suggestion_restore(*, dismissed: DismissedSuggestion) -> None:
    dismissed.delete()
