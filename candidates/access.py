"""The one place that knows the portal's roles: who may see what, and who may do what.

Every selector, view, template context and admin screen asks here, in one of two ways:
- the querysets a person may see, all derived from the dossiers they may open (`dossiers_for`);
- yes/no questions named after what they allow (`can_open_admin`, `can_publish_synthesis`…).

No other module compares role or group names, or branches on a role (tests/test_code_layout.py).
Each role is a Django group of the same name; a superuser counts as an administrator."""

from functools import wraps

from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from portal.compiled_queries import PROBE_PK, CompiledOnce

from .accounts.models import User
from .agenda.models import Appointment
from .attestations.models import Attestation
from .dossiers.models import Dossier
from .files.models import PrivateFile
from .satisfaction.models import SatisfactionResponse

CANDIDAT = "Candidat"
CONSEILLER = "Conseiller"
ADMINISTRATEUR = "Administrateur"
EDITEUR = "Éditeur"

# When a person holds several roles, the first one in this order decides their dashboard.
BY_PRIORITY = (ADMINISTRATEUR, EDITEUR, CONSEILLER, CANDIDAT)
STAFF = (ADMINISTRATEUR, EDITEUR)

LABELS = {
    CANDIDAT: _("Candidat"),
    CONSEILLER: _("Conseiller"),
    ADMINISTRATEUR: _("Administrateur"),
    EDITEUR: _("Éditeur"),
}


# Roles -------------------------------------------------------------------------------------------

# Read on every request of a person: its SQL, the same for everyone, is compiled once per process.
_GROUP_NAMES = CompiledOnce(
    lambda pk: Group.objects.filter(user=pk).values_list("name", flat=True), lambda pk: {"user": (User._meta.pk, pk)}
)


def role_of(user) -> str | None:
    """The role that decides this person's dashboard (`User.role`), or None for a user without a role."""
    if user.is_superuser:
        return ADMINISTRATEUR
    if user.pk is None:
        return None  # a person not saved holds no group
    names = set(_GROUP_NAMES.fetch(user.pk, probe=PROBE_PK, shape=()))
    return next((role for role in BY_PRIORITY if role in names), None)


def role_label(user) -> str:
    return LABELS.get(user.role, _("Sans rôle"))


def grant_role(user, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))


def with_role(users, role: str):
    """The people of `users` (a User queryset) who hold `role`."""
    return users.filter(groups__name=role)


def active_counsellors():
    return with_role(User.objects.filter(is_active=True), CONSEILLER)


def staff_accounts():
    """The académie's staff: superusers, administrators and editors."""
    members = User.groups.through.objects.filter(group__name__in=STAFF).values("user_id")
    return User.objects.filter(Q(is_superuser=True) | Q(pk__in=members))


def _has_role(user, *roles: str) -> bool:
    return user.is_authenticated and user.is_active and user.role in roles


# Yes/no questions --------------------------------------------------------------------------------


def has_own_bilan(user) -> bool:
    """A candidate: answers phases, reads their attestations and synthèse, exports their data."""
    return _has_role(user, CANDIDAT)


def follows_candidates(user) -> bool:
    """A counsellor: creates and follows candidates, issues attestations, schedules rendez-vous."""
    return _has_role(user, CONSEILLER)


def uses_agenda(user) -> bool:
    return _has_role(user, CANDIDAT, CONSEILLER)


def can_read_synthesis_drafts(user) -> bool:
    """The synthèse as it would be now, with the counsellor's notes: counsellors and administrators."""
    return _has_role(user, CONSEILLER, ADMINISTRATEUR)


def can_publish_synthesis(user) -> bool:
    return follows_candidates(user)


def can_explore_jobs(user) -> bool:
    """*Explorer un métier*: the ROME fiches, for the people of a bilan (candidates, counsellors) and
    administrators; not editors."""
    return _has_role(user, CANDIDAT, CONSEILLER, ADMINISTRATEUR)


def can_read_journal(user) -> bool:
    return _has_role(user, ADMINISTRATEUR)


def can_read_activity(user) -> bool:
    """*L'activité de l'académie* (its figures per DABM and counsellor, their export): administrators."""
    return _has_role(user, ADMINISTRATEUR)


def is_academie_staff(user) -> bool:
    """Administrators and editors: the header links them to the admin (their role is read already)."""
    return _has_role(user, *STAFF)


def can_open_admin(user) -> bool:
    """Académie staff (administrators and editors) work in the Wagtail admin; nobody else."""
    return user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")


def dashboard_of(user) -> str | None:
    """Which *tableau de bord* the person sees: "candidate", "counsellor", "staff", or None (no role)."""
    if not _has_role(user, *BY_PRIORITY):
        return None
    return {CANDIDAT: "candidate", CONSEILLER: "counsellor"}.get(user.role, "staff")


# What a person may see ---------------------------------------------------------------------------


def _dossier_scope(user, path: str = "") -> Q | None:
    """The dossiers `user` may open, as a filter on `path` (the way from a model to its dossier):
    the one a candidate is the beneficiary of, those a counsellor follows; None for anyone else."""
    if has_own_bilan(user):
        return Q(**{f"{path}candidate": user})
    if follows_candidates(user):
        return Q(**{f"{path}counsellor": user})
    return None


def _scoped(queryset, user, path: str = ""):
    scope = _dossier_scope(user, path)
    return queryset.none() if scope is None else queryset.filter(scope)


def dossiers_for(user):
    """The dossiers this person may open: a candidate's own, those a counsellor follows."""
    return _scoped(Dossier.objects.all(), user)


def followed_dossiers(user):
    """The dossiers a counsellor follows; nothing for anyone else (not even a candidate's own)."""
    return dossiers_for(user) if follows_candidates(user) else Dossier.objects.none()


def synthesis_dossiers(user):
    """The dossiers whose synthèse this person may read: their own, those they follow, any (administrator)."""
    if _has_role(user, ADMINISTRATEUR):
        return Dossier.objects.all()
    return dossiers_for(user)


def attestations_for(user):
    """The attestations this person may see and download: their own, those of the candidates a counsellor
    follows, any (administrator: Bilans › Attestations de présence lists them all)."""
    if _has_role(user, ADMINISTRATEUR):
        return Attestation.objects.all()
    return _scoped(Attestation.objects.all(), user, "dossier__")


def appointments_for(user):
    return _scoped(Appointment.objects.all(), user, "dossier__")


def satisfaction_responses_for(user):
    """The appreciations whose aggregates a counsellor reads: those of the bilans they followed (the
    answers outlive the dossier, `counsellor` stays); nothing for anyone else."""
    if not follows_candidates(user):
        return SatisfactionResponse.objects.none()
    return SatisfactionResponse.objects.filter(counsellor=user)


def people_for(user):
    """The people this person may see (their picture): themself, a counsellor's candidates, a
    candidate's counsellor."""
    people = Q(pk=user.pk)
    if follows_candidates(user):
        people |= Q(dossier__counsellor=user)
    elif has_own_bilan(user):
        people |= Q(followed_dossiers__candidate=user)
    return User.objects.filter(people).distinct()


def folders_for(user):
    """The people whose folder of *Mes fichiers* this person may open: their own, a counsellor's candidates'."""
    if not (user.is_authenticated and user.is_active):
        return User.objects.none()
    people = Q(pk=user.pk)
    if follows_candidates(user):
        people |= Q(dossier__counsellor=user)
    return User.objects.filter(people)


def files_for(user):
    return PrivateFile.objects.filter(owner__in=folders_for(user))


# Views -------------------------------------------------------------------------------------------


def required(check):
    """A view decorator: anonymous → login; a person who fails `check` → 404 (nothing is confirmed)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


candidate_required = required(has_own_bilan)
counsellor_required = required(follows_candidates)
agenda_required = required(uses_agenda)
explore_required = required(can_explore_jobs)
