from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from phases.models import FollowUpPage

from ..access import candidate_required
from ..aftercare.views import questionnaire_screen
from . import selectors, services
from .forms import FollowUpAnswerForm


@require_http_methods(["GET", "POST"])
@candidate_required
def followup_answer(request):
    """*Suivi à six mois*: the candidate says where they stand, once its day has come."""
    followup = selectors.candidate_followup(request.user, timezone.localdate())

    def save(form, now):
        services.followup_answer(
            candidate=request.user,
            followup=followup,
            situation=form.cleaned_data["situation"],
            answers=form.cleaned_answers(),
            now=now,
        )

    return questionnaire_screen(
        request,
        page=FollowUpPage.objects.live().first(),
        record=followup,
        form_class=FollowUpAnswerForm,
        save=save,
        thanks=_("Merci ! Vos réponses sont transmises à votre conseiller."),
        notice=_("Vos réponses rejoignent votre dossier : votre conseiller les lit."),
    )
