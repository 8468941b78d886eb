"""The pages the bilan and the law rely on — the phases, *Les phases du bilan*, the legal pages — are
deleted only by someone who may publish them (an administrator): an éditeur submits changes to them
for « Relecture » and may not remove them, not even a draft. Wagtail already refuses an éditeur the
deletion of a live page (they have no `publish_page`, migration home 0006); this covers the rest."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from phases.models import BilanPage, PhasePage

from .models import ContentPage


def holds_protected_pages(page) -> bool:
    """Whether deleting `page` would delete a phase, *Les phases du bilan* or a legal page."""
    pages = Page.objects.descendant_of(page, inclusive=True)
    return (
        pages.type(BilanPage, PhasePage).exists()
        or ContentPage.objects.filter(pk__in=pages.values("pk")).exclude(legal_page="").exists()
    )


def deletion_refusal(user, page) -> str | None:
    if page.permissions_for_user(user).can_publish() or not holds_protected_pages(page):
        return None
    return _(
        "Impossible de supprimer « %(title)s » : les phases du bilan et les pages légales ne sont supprimées "
        "que par un administrateur. Modifiez la page et soumettez-la à la relecture."
    ) % {"title": page.get_admin_display_title()}


@hooks.register("before_delete_page")
def keep_reviewed_pages(request, page):
    refusal = deletion_refusal(request.user, page)
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def keep_reviewed_pages_in_bulk(request, action_type, objects, action):
    if action_type != "delete" or not issubclass(action.model, Page):
        return None
    refusals = [refusal for page in objects if (refusal := deletion_refusal(request.user, page))]
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(action.next_url)
