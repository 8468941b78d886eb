"""The four roles of the portal. Each is a Django group of the same name."""

from django.utils.translation import gettext_lazy as _

CANDIDAT = "Candidat"
CONSEILLER = "Conseiller"
ADMINISTRATEUR = "Administrateur"
EDITEUR = "Éditeur"

# When a person holds several roles, the first one in this order decides their dashboard.
BY_PRIORITY = (ADMINISTRATEUR, EDITEUR, CONSEILLER, CANDIDAT)

LABELS = {
    CANDIDAT: _("Candidat"),
    CONSEILLER: _("Conseiller"),
    ADMINISTRATEUR: _("Administrateur"),
    EDITEUR: _("Éditeur"),
}
