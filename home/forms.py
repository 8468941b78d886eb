from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class SupportForm(DsfrBaseForm):
    subject = forms.CharField(label=_("Objet"), max_length=150)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Décrivez ce que vous cherchiez à faire et ce qui s'est passé. N'y mettez pas le contenu de votre bilan."
        ),
    )
