"""The pages the bilan and the law rely on — the phases, *Les phases du bilan*, the legal pages — are
deleted only by someone who may publish them (an administrator): an éditeur submits changes to them
for « Relecture » and may not remove them, not even a draft. Wagtail already refuses an éditeur the
deletion of a live page (they have no `publish_page`, migration home 0006); this covers the rest."""

from django.utils.translation import gettext as _
from wagtail.models import Page

from phases.deletion_guards import register_deletion_guard
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


register_deletion_guard(deletion_refusal)
