from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Page
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import DABM, PhaseResponse


class DABMAdmin(ModelAdmin):
    model = DABM
    menu_label = _("DABM")
    menu_icon = "site"
    list_display = ("name", "city")
    search_fields = ("name", "city")


@modeladmin_register
class BilansGroup(ModelAdminGroup):
    menu_label = _("Bilans")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (DABMAdmin,)


@hooks.register("before_delete_page")
def keep_phases_that_hold_answers(request, page):
    """A phase with candidates' answers cannot be deleted (the answers belong to the candidates);
    unpublishing it removes it from their bilan and keeps the answers."""
    pages = Page.objects.descendant_of(page, inclusive=True)
    answered_by = PhaseResponse.objects.filter(phase__in=pages).values("candidate").distinct().count()
    if not answered_by:
        return None
    messages.error(
        request,
        ngettext(
            "Impossible de supprimer « %(title)s » : %(n)d candidat y a déjà répondu. "
            "Dépubliez la page pour la retirer des bilans sans perdre ses réponses.",
            "Impossible de supprimer « %(title)s » : %(n)d candidats y ont déjà répondu. "
            "Dépubliez la page pour la retirer des bilans sans perdre leurs réponses.",
            answered_by,
        )
        % {"title": page.title, "n": answered_by},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
