"""The sections of the *document de synthèse* that the counsellor writes (Code du travail R6313-4, and
the content the former R6322-38 listed): a question block may say which one its answers feed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SynthesisSection(models.TextChoices):
    CIRCUMSTANCES = "circonstances", _("Circonstances du bilan")
    SKILLS = "competences", _("Compétences et aptitudes identifiées")
    PROJECTS = "projets", _("Le ou les projets professionnels")
    STEPS = "etapes", _("Les étapes de mise en œuvre")
