from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy
from dsfr.forms import DsfrBaseForm

from . import uploads


class UploadForm(DsfrBaseForm):
    uploaded = forms.FileField(
        label=gettext_lazy("Fichier"),
        help_text=lazy(uploads.help_text, str)(),
        error_messages={"required": gettext_lazy("Choisissez un fichier à ajouter.")},
        widget=forms.FileInput(attrs={"accept": uploads.ACCEPT, "class": "fr-upload"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uploaded"].widget.group_class = "fr-upload-group"
