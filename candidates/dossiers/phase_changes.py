"""What an edit of a published phase costs candidates, said before it is published.

When the submitted version of a phase drops questions, propositions, items, columns or fields that
candidates have answered, « Publier » (or « Soumettre à relecture ») first shows how many candidates
answered each of them, and asks to confirm. The answers themselves are never deleted: they are shown
as retired (`phases/history.py`)."""

from dataclasses import dataclass

from django.template.response import TemplateResponse
from django.urls import reverse

from phases.history import has_answer
from phases.models import PhasePage

from .models import PhaseResponse

CONFIRM_FIELD = "confirmer-retrait"
ACTIONS_THAT_PUBLISH = ("action-publish", "action-submit")


@dataclass
class Removed:
    """A question, or a part of one (`question` then names it), that candidates answered."""

    label: str
    answered_by: int  # candidates who answered it
    question: str = ""


def _removed(live: PhasePage, submitted_questions) -> list[tuple]:
    """(child, part id or "", label) of what the live phase has and `submitted_questions` no longer has."""
    submitted = {child.id: child for child in submitted_questions}
    removed = []
    for child in live.question_children:
        kept = submitted.get(child.id)
        if kept is None:
            removed.append((child, "", str(child.value["label"])))
            continue
        still = {part_id for part_id, _label in kept.block.part_labels(kept.value)}
        removed += [
            (child, part_id, label) for part_id, label in child.block.part_labels(child.value) if part_id not in still
        ]
    return removed


def removed_answered(live: PhasePage, submitted_questions) -> list[Removed]:
    """What of the live phase `submitted_questions` (a StreamValue) no longer has, and at least one
    candidate answered; in the phase's order."""
    removed = _removed(live, submitted_questions)
    if not removed:
        return []
    answers = list(PhaseResponse.objects.filter(phase=live).values_list("answers", flat=True))
    counted = []
    for child, part_id, label in removed:
        block, value = child.block, child.value
        if part_id:
            answered_by = sum(1 for stored in answers if part_id in block.answered_parts(value, stored.get(child.id)))
            question = str(value["label"])
        else:
            answered_by = sum(1 for stored in answers if has_answer(stored.get(child.id)))
            question = ""
        if answered_by:
            counted.append(Removed(label, answered_by, question))
    return counted


def _submitted_questions(request, live: PhasePage):
    """The questions of the version being published, as the page's own edit form reads them; None when
    the form is invalid (the editor then sees its errors, as usual)."""
    draft = PhasePage.objects.get(pk=live.pk)  # the form writes into its instance: not the live one
    form_class = PhasePage.get_edit_handler().get_form_class()
    form = form_class(request.POST, request.FILES, instance=draft, parent_page=live.get_parent(), for_user=request.user)
    return form.cleaned_data["questions"] if form.is_valid() else None


def confirm_before_removing_answered_questions(request, page):
    """`before_edit_page`: the warning page, when a publication would drop answered questions unconfirmed."""
    is_publishing = request.method == "POST" and any(request.POST.get(action) for action in ACTIONS_THAT_PUBLISH)
    if not (is_publishing and isinstance(page.specific, PhasePage) and page.live) or request.POST.get(CONFIRM_FIELD):
        return None
    live = PhasePage.objects.get(pk=page.pk)
    submitted = _submitted_questions(request, live)
    removed = removed_answered(live, submitted) if submitted is not None else []
    if not removed:
        return None
    fields = [(name, value) for name, values in request.POST.lists() for value in values]
    context = {
        "page": live,
        "removed": removed,
        "publish_fields": fields,
        "draft_fields": [(name, value) for name, value in fields if name not in ACTIONS_THAT_PUBLISH],
        "confirm_field": CONFIRM_FIELD,
        "form_url": reverse("wagtailadmin_pages:edit", args=[live.pk]),
    }
    return TemplateResponse(request, "candidates/dossiers/phase_removal_warning.html", context)
