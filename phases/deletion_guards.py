"""Pages that must not be deleted, whatever the admin screen: one reason-giving rule, two Wagtail hooks.

`register_deletion_guard(refusal)` makes « Supprimer » (one page) and Pages › select › Supprimer (in
bulk) refuse when `refusal(user, page)` gives a reason: back to the page's editor (or the listing), the
reason shown, nothing deleted. The phases' own rules are in `candidates` (answers) and `home` (review)."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

Refusal = Callable[[object, Page], str | None]


def register_deletion_guard(refusal: Refusal) -> None:
    def before_delete_page(request, page):
        reason = refusal(request.user, page)
        if reason is None:
            return None
        messages.error(request, reason)
        return redirect("wagtailadmin_pages:edit", page.pk)

    def before_bulk_action(request, action_type, objects, action):
        if action_type != "delete" or not issubclass(action.model, Page):
            return None
        reasons = [reason for page in objects if (reason := refusal(request.user, page))]
        for reason in reasons:
            messages.error(request, reason)
        return redirect(action.next_url) if reasons else None

    hooks.register("before_delete_page", before_delete_page)
    hooks.register("before_bulk_action", before_bulk_action)
