from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phases"
    verbose_name = _("Phases du bilan")
