from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.utils import dsfr_input_class_attr

from phases.forms import AnswerForm

from .models import FollowUp


class FollowUpAnswerForm(AnswerForm):
    """The follow-up questionnaire: the situation now (a fixed question, counted in the académie's
    figures), then the questionnaire's own questions, as a phase's form asks them."""

    situation = forms.ChoiceField(
        label=_("Quelle est votre situation aujourd'hui ?"),
        choices=FollowUp.Situation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez votre situation aujourd'hui.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dsfr_input_class_attr(self["situation"])
