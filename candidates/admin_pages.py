"""Pages in the admin: a phase that holds candidates' answers is never deleted, alone or in bulk.

The answers belong to the candidates; unpublishing the phase removes it from their bilan and keeps them.
Both hooks are registered in `wagtail_hooks`."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import ngettext
from wagtail.models import Page

from .models import PhaseResponse


def deletion_refusal(page) -> str | None:
    """Why `page` (with its subpages) may not be deleted, or None when it may."""
    pages = Page.objects.descendant_of(page, inclusive=True)
    answered_by = PhaseResponse.objects.filter(phase__in=pages).aggregate(n=Count("candidate", distinct=True))["n"]
    if not answered_by:
        return None
    return ngettext(
        "Impossible de supprimer « %(title)s » : %(n)d candidat y a déjà répondu. "
        "Dépubliez la page pour la retirer des bilans sans perdre ses réponses.",
        "Impossible de supprimer « %(title)s » : %(n)d candidats y ont déjà répondu. "
        "Dépubliez la page pour la retirer des bilans sans perdre leurs réponses.",
        answered_by,
    ) % {"title": page.title, "n": answered_by}


def keep_phases_that_hold_answers(request, page):
    """`before_delete_page`: back to the page's editor, with the reason."""
    refusal = deletion_refusal(page)
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.pk)


def keep_phases_that_hold_answers_in_bulk(request, action_type, objects, action):
    """`before_bulk_action` (Pages › select › Supprimer): nothing is deleted if one page holds answers."""
    if action_type != "delete" or not issubclass(action.model, Page):
        return None
    refusals = [refusal for page in objects if (refusal := deletion_refusal(page))]
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(action.next_url)
