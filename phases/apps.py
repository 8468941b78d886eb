from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def record_publication(sender, instance, **kwargs):
    """Each publication of a phase records what it has and what it retires (`PublishedPart`)."""
    from .models import PublishedPart

    PublishedPart.record(instance)


class PhasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phases"
    verbose_name = _("Phases du bilan")

    def ready(self):
        from wagtail.signals import page_published

        from .models import PhasePage

        page_published.connect(record_publication, sender=PhasePage, dispatch_uid="phases_record_publication")
