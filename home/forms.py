from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class SupportForm(DsfrBaseForm):
    subject = forms.CharField(label=_("Objet"), max_length=150)

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:  # it becomes the e-mail's Subject header: one line
            raise forms.ValidationError(_("L'objet tient sur une seule ligne : retirez le retour à la ligne."))
        return subject

    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Décrivez ce que vous cherchiez à faire et ce qui s'est passé. N'y mettez pas le contenu de votre bilan."
        ),
    )
