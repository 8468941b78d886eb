"""The French of the *Document de synthèse* that depends on the dossier: « la bénéficiaire » or « le
bénéficiaire » from its civility (the inclusive form when it has none), the tense of the bilan (« se
déroule » while it runs, « s'est déroulé » once its end date is past), one séance or several, and to whom
the beneficiary agreed that it be given."""

import datetime

from django.utils import timezone

# {civility: words}; "" (not given) takes the inclusive form.
_OF_BENEFICIARY = {"madame": "de la bénéficiaire", "monsieur": "du bénéficiaire", "": "du/de la bénéficiaire"}
_SIGNER = {"madame": "La bénéficiaire", "monsieur": "Le bénéficiaire", "": "Le/la bénéficiaire"}
_TO_BENEFICIARY = {
    "madame": "à la bénéficiaire, seule destinataire",
    "monsieur": "au bénéficiaire, seul destinataire",
    "": "au/à la bénéficiaire, seul(e) destinataire",
}


def day(value) -> str:
    """jj/mm/aaaa, in Paris time for a datetime."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value:%d/%m/%Y}"


def _civility(civility) -> str:
    return civility if civility in _SIGNER else ""


def observations_heading(civility) -> str:
    return f"Observations {_OF_BENEFICIARY[_civility(civility)]}"


def beneficiary_signer(civility) -> str:
    return _SIGNER[_civility(civility)]


def legal_note(civility) -> str:
    return (
        "Document établi conformément aux articles L6313-4 et R6313-4 du Code du travail. Il est remis "
        f"{_TO_BENEFICIARY[_civility(civility)]} des résultats, et n'est communiqué à un tiers qu'avec son accord."
    )


def _listed(texts: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} et {texts[-1]}"


def sessions_words(sessions: list[datetime.date], *, over: bool) -> str:
    """« en 1 séance (le 30/03/2021) », « en 3 séances (les 30/03/2021, 06/04/2021 et 13/04/2021) », or
    that none is attested yet."""
    if not sessions:
        return "sans séance attestée à ce jour" if not over else "sans séance attestée"
    days = [day(session) for session in sessions]
    if len(days) == 1:
        return f"en 1 séance (le {days[0]})"
    return f"en {len(days)} séances (les {_listed(days)})"


def circumstances(
    *,
    civility,
    over: bool,
    start: str,
    end: str,
    dabm: str,
    academie: str,
    modalites: str,
    sessions: list[datetime.date],
    hours: str,
) -> str:
    """The factual paragraph that opens « 1. Circonstances du bilan »."""
    tense = "s'est déroulé" if over else "se déroule"
    text = (
        f"Le bilan de compétences {_OF_BENEFICIARY[_civility(civility)]} {tense} du {start} au {end} "
        f"au DABM {dabm} ({academie}), selon la modalité « {modalites} », {sessions_words(sessions, over=over)}"
    )
    return f"{text} ; heures attestées : {hours}." if sessions else f"{text}."
