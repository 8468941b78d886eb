from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from phases.forms import AnswerForm

from ..access import candidate_required, counsellor_required
from ..aftercare.views import questionnaire_screen
from ..navigation import here, trail
from ..portal_settings import portal_settings
from . import selectors, services


@require_http_methods(["GET", "POST"])
@candidate_required
def satisfaction_answer(request):
    """*Appréciation de fin de bilan*, once the bilan has ended."""
    response = selectors.candidate_satisfaction(request.user)

    def save(form, now):
        services.satisfaction_answer(candidate=request.user, response=response, answers=form.cleaned_answers(), now=now)

    anonymous = portal_settings(request).satisfaction_anonymous
    return questionnaire_screen(
        request,
        page=selectors.questionnaire(),
        record=response,
        form_class=AnswerForm,
        save=save,
        thanks=_("Merci pour votre appréciation !"),
        notice=_(
            "Votre conseiller ne voit jamais vos réponses une à une : il lit seulement des résultats "
            "d'ensemble, à partir de cinq réponses."
        )
        if anonymous
        else _("Votre conseiller lit les résultats d'ensemble, à partir de cinq réponses, et vos réponses rédigées."),
    )


@require_safe
@counsellor_required
def counsellor_results(request):
    """« Appréciations de mes bénéficiaires »: aggregates only, from five answers."""
    context = {
        "results": selectors.counsellor_results(request.user),
        "threshold": selectors.THRESHOLD,
        "breadcrumb": trail(here(_("Appréciations de mes bénéficiaires"))),
    }
    return render(request, "candidates/satisfaction/results.html", context)
