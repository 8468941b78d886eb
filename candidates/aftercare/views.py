"""The candidate's screen of a questionnaire after the bilan (follow-up, appreciation): its form, or,
once answered, a thank-you and the answers given. Each feature's view says which record and service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from ..forms import add_service_errors
from ..navigation import here, trail


def questionnaire_screen(request, *, page, record, form_class, save, thanks: str, notice: str = ""):
    """GET: the form (or the answers, once given). POST: `save(form)` with the valid form, then back to
    the dashboard with `thanks`."""
    if page is None:
        raise Http404
    context = {"page": page, "record": record, "notice": notice, "breadcrumb": trail(here(page.title))}
    if record.answered_at:
        context["answered_questions"] = page.answered_questions(record.answers)
        return render(request, "candidates/aftercare/questionnaire.html", context)
    form = form_class(request.POST if request.method == "POST" else None, phase=page, answers={})
    if request.method == "POST" and form.is_valid():
        try:
            save(form, timezone.now())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, thanks)
            return redirect("dashboard")
    context["form"] = form
    return render(request, "candidates/aftercare/questionnaire.html", context, status=400 if form.errors else 200)
