"""The ROME 4.0 référentiel (France Travail): fiches, job titles, skills, knowledge, their links.

Codes are the natural keys (the primary keys), stable from one version to the next. An item absent
from a newer version is never deleted: it keeps its last label and is marked `retired_in_version`,
so that whatever refers to it can still show it and say « n'existe plus dans le ROME v… ».
Links (fiche ↔ item, mobility, texts) are the référentiel's own facts: a new version replaces them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .riasec import NAMES

RIASEC_CHOICES = list(NAMES.items())  # one home for the labels: skills/riasec.py


class RomeVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    loaded_at = models.DateTimeField(_("chargée le"), auto_now=True)

    class Meta:
        verbose_name = _("version du ROME")
        verbose_name_plural = _("versions du ROME")
        ordering = ["-number"]

    def __str__(self):
        return f"ROME v{self.number}"

    @classmethod
    def current(cls):
        return cls.objects.order_by("-number").first()


class RomeItemQuerySet(models.QuerySet):
    def current(self):
        """What the loaded version holds (retired items left out)."""
        return self.filter(retired_in_version__isnull=True)


class RomeItem(models.Model):
    label = models.TextField(_("libellé"))
    last_seen_version = models.PositiveIntegerField(_("présent jusqu'à la version"))
    retired_in_version = models.PositiveIntegerField(_("retiré dans la version"), null=True, blank=True)

    objects = RomeItemQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def is_retired(self) -> bool:
        return self.retired_in_version is not None

    @property
    def retirement_notice(self) -> str:
        """« n'existe plus dans le ROME v461 », or "" while the item exists."""
        if self.retired_in_version is None:
            return ""
        return _("n'existe plus dans le ROME v%(version)s") % {"version": self.retired_in_version}


class Searchable(models.Model):
    # `skills.normalise.search_text(label…)`: normalised words between spaces (see skills/search.py).
    search_text = models.TextField(_("texte de recherche"), editable=False)

    class Meta:
        abstract = True


class GrandDomaine(RomeItem):
    code = models.CharField(_("code"), max_length=1, primary_key=True)

    class Meta:
        verbose_name = _("grand domaine")
        verbose_name_plural = _("grands domaines")
        ordering = ["code"]


class DomaineProfessionnel(RomeItem):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    grand_domaine = models.ForeignKey(
        GrandDomaine, models.PROTECT, related_name="domaines", verbose_name=_("grand domaine")
    )

    class Meta:
        verbose_name = _("domaine professionnel")
        verbose_name_plural = _("domaines professionnels")
        ordering = ["code"]


class Fiche(RomeItem, Searchable):
    code = models.CharField(_("code ROME"), max_length=5, primary_key=True)
    code_ogr = models.CharField(_("code OGR"), max_length=12)
    domaine = models.ForeignKey(
        DomaineProfessionnel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="fiches",
        verbose_name=_("domaine professionnel"),
    )
    parent_code = models.CharField(_("code ROME parent"), max_length=5, blank=True)
    transition_eco = models.CharField(_("transition écologique"), max_length=200, blank=True)
    emploi_reglemente = models.BooleanField(_("emploi réglementé"), default=False)
    emploi_cadre = models.BooleanField(_("emploi cadre"), default=False)
    riasec_majeur = models.CharField(_("RIASEC majeur"), max_length=1, choices=RIASEC_CHOICES, blank=True)
    riasec_mineur = models.CharField(_("RIASEC mineur"), max_length=1, choices=RIASEC_CHOICES, blank=True)

    class Meta:
        verbose_name = _("fiche métier")
        verbose_name_plural = _("fiches métiers")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.label}"


class Appellation(RomeItem, Searchable):
    code = models.CharField(_("code OGR"), max_length=12, primary_key=True)
    short_label = models.TextField(_("libellé court"), blank=True)
    fiche = models.ForeignKey(Fiche, models.PROTECT, related_name="appellations", verbose_name=_("fiche métier"))
    classification = models.CharField(_("classification"), max_length=40, blank=True)
    peu_usite = models.BooleanField(_("peu usité"), default=False)
    emploi_reglemente = models.BooleanField(_("emploi réglementé"), default=False)
    emploi_cadre = models.BooleanField(_("emploi cadre"), default=False)

    class Meta:
        verbose_name = _("appellation")
        verbose_name_plural = _("appellations")
        ordering = ["code"]


class Competence(RomeItem, Searchable):
    NATURE_MACRO = "Macro-compétence"
    code = models.CharField(_("code OGR"), max_length=12, primary_key=True)
    nature = models.CharField(_("nature"), max_length=40)  # Compétence / Macro-compétence
    categorie = models.CharField(_("catégorie"), max_length=60, blank=True)  # Savoir-faire / Savoir-être …
    sous_categorie = models.CharField(_("sous-catégorie"), max_length=100, blank=True)
    definition = models.TextField(_("définition"), blank=True)
    macro = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="competences",
        verbose_name=_("macro-compétence"),
    )
    code_macro = models.CharField(_("code de la macro-compétence"), max_length=12, blank=True)
    riasec_majeur = models.CharField(_("RIASEC majeur"), max_length=1, choices=RIASEC_CHOICES, blank=True)
    riasec_mineur = models.CharField(_("RIASEC mineur"), max_length=1, choices=RIASEC_CHOICES, blank=True)

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["code"]


class Savoir(RomeItem, Searchable):
    code = models.CharField(_("code OGR"), max_length=12, primary_key=True)
    categorie = models.CharField(_("catégorie"), max_length=100, blank=True)
    sous_categorie = models.CharField(_("sous-catégorie"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("savoir")
        verbose_name_plural = _("savoirs")
        ordering = ["code"]


class ContexteTravail(RomeItem):
    code = models.CharField(_("code OGR"), max_length=12, primary_key=True)
    type_code = models.CharField(_("code du type"), max_length=12, blank=True)
    type_label = models.CharField(_("type de contexte"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contexte de travail")
        verbose_name_plural = _("contextes de travail")
        ordering = ["code"]


class CoeurMetier(models.TextChoices):
    AUCUN = "", _("—")
    PRINCIPALE = "Principale", _("Principale")
    EMERGENTE = "Émergente", _("Émergente")


class FicheItemLink(models.Model):
    """A fiche holds an item (its `ITEM` field), at the heart of the job or not (coherence_item)."""

    ITEM = ""
    coeur_metier = models.CharField(_("cœur de métier"), max_length=20, choices=CoeurMetier.choices, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.fiche_id} · {getattr(self, self.ITEM + '_id')}"


class FicheCompetence(FicheItemLink):
    ITEM = "competence"
    SAVOIR_FAIRE, SAVOIR_ETRE = 1, 2
    fiche = models.ForeignKey(Fiche, models.CASCADE, related_name="competence_links", verbose_name=_("fiche"))
    competence = models.ForeignKey(Competence, models.CASCADE, related_name="fiche_links", verbose_name=_("compétence"))
    rubrique = models.PositiveSmallIntegerField(
        _("rubrique"), choices=[(SAVOIR_FAIRE, _("Savoir-faire")), (SAVOIR_ETRE, _("Savoir-être professionnels"))]
    )

    class Meta:
        verbose_name = _("compétence d'une fiche")
        verbose_name_plural = _("compétences des fiches")
        constraints = [models.UniqueConstraint(fields=["fiche", "competence"], name="skills_fiche_competence_once")]


class FicheSavoir(FicheItemLink):
    ITEM = "savoir"
    fiche = models.ForeignKey(Fiche, models.CASCADE, related_name="savoir_links", verbose_name=_("fiche"))
    savoir = models.ForeignKey(Savoir, models.CASCADE, related_name="fiche_links", verbose_name=_("savoir"))

    class Meta:
        verbose_name = _("savoir d'une fiche")
        verbose_name_plural = _("savoirs des fiches")
        constraints = [models.UniqueConstraint(fields=["fiche", "savoir"], name="skills_fiche_savoir_once")]


class FicheContexte(FicheItemLink):
    ITEM = "contexte"
    fiche = models.ForeignKey(Fiche, models.CASCADE, related_name="contexte_links", verbose_name=_("fiche"))
    contexte = models.ForeignKey(
        ContexteTravail, models.CASCADE, related_name="fiche_links", verbose_name=_("contexte de travail")
    )

    class Meta:
        verbose_name = _("contexte de travail d'une fiche")
        verbose_name_plural = _("contextes de travail des fiches")
        constraints = [models.UniqueConstraint(fields=["fiche", "contexte"], name="skills_fiche_contexte_once")]


class Mobilite(models.Model):
    fiche = models.ForeignKey(Fiche, models.CASCADE, related_name="mobilites", verbose_name=_("fiche"))
    cible = models.ForeignKey(Fiche, models.CASCADE, related_name="+", verbose_name=_("fiche proche"))
    ordre = models.PositiveSmallIntegerField(_("ordre de proximité"))

    class Meta:
        verbose_name = _("mobilité professionnelle")
        verbose_name_plural = _("mobilités professionnelles")
        ordering = ["fiche", "ordre"]
        constraints = [models.UniqueConstraint(fields=["fiche", "cible"], name="skills_mobilite_once")]

    def __str__(self):
        return f"{self.fiche_id} → {self.cible_id} ({self.ordre})"


class FicheTexte(models.Model):
    DEFINITION, ACCES_METIER = "definition", "acces_metier"
    fiche = models.ForeignKey(Fiche, models.CASCADE, related_name="textes", verbose_name=_("fiche"))
    kind = models.CharField(
        _("type de texte"),
        max_length=20,
        choices=[(DEFINITION, _("Définition")), (ACCES_METIER, _("Accès au métier"))],
    )
    position = models.PositiveSmallIntegerField(_("position de la phrase"))
    text = models.TextField(_("texte"))

    class Meta:
        verbose_name = _("texte d'une fiche")
        verbose_name_plural = _("textes des fiches")
        ordering = ["fiche", "kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["fiche", "kind", "position"], name="skills_fiche_texte_once"),
        ]

    def __str__(self):
        return f"{self.fiche_id} {self.kind} {self.position}"
