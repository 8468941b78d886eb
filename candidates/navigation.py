"""The breadcrumb of each page (`templates/includes/breadcrumb.html`): the pages above it, as
(label, url) pairs, from *Mon tableau de bord* down; the last pair is the page itself (its url unused).
Every level is a page the person can open."""

from django.urls import reverse
from django.utils.translation import gettext as _

Crumb = tuple[str, str | None]


def trail(*crumbs: Crumb) -> list[Crumb]:
    """*Mon tableau de bord* › crumbs…"""
    return [(_("Mon tableau de bord"), reverse("dashboard")), *crumbs]


def account_trail(*crumbs: Crumb) -> list[Crumb]:
    """Mon tableau de bord › *Mon compte* › crumbs…"""
    return trail((_("Mon compte"), reverse("accounts:account")), *crumbs)


def agenda_trail(*crumbs: Crumb, week_url: str | None = None) -> list[Crumb]:
    """Mon tableau de bord › Mon compte › *Agenda* (at `week_url`, this week by default) › crumbs…"""
    return account_trail((_("Agenda"), week_url or reverse("agenda:week")), *crumbs)


def attestations_trail(*crumbs: Crumb) -> list[Crumb]:
    """Mon tableau de bord › *Attestations de présence* › crumbs…"""
    return trail((_("Attestations de présence"), reverse("attestations:list")), *crumbs)


def candidate_trail(dossier, *crumbs: Crumb) -> list[Crumb]:
    """Mon tableau de bord › *the candidate's account* (as their counsellor sees it) › crumbs…"""
    candidate = dossier.candidate
    name = candidate.get_full_name() or candidate.username
    return trail((name, reverse("dossiers:candidate", args=[dossier.pk])), *crumbs)


def here(label: str) -> Crumb:
    """The page itself: the breadcrumb's last item."""
    return (label, None)


def explore_trail(*crumbs: Crumb) -> list[Crumb]:
    """Mon tableau de bord › *Explorer un métier* › crumbs…"""
    return trail((_("Explorer un métier"), reverse("explore:search")), *crumbs)
