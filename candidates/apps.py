from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "candidates"
    verbose_name = _("Bilans")

    def ready(self):
        from .accounts import middleware  # noqa: F401  (connects the login-time receiver)
        from .wagtail_admin.exports import french_spreadsheets_in_every_admin_export

        french_spreadsheets_in_every_admin_export()
