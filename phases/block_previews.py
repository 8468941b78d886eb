"""Sample questions for the previews of the editors' block chooser (each block's `Meta.preview_value`):
what a realistic question of each kind looks like to the candidate."""


def question(label, help_text="", **extra):
    return {"label": label, "help_text": help_text, "required": False, **extra}


INSTRUCTION = {
    "title": "Avant de commencer",
    "text": "<p>Répondez spontanément : il n'y a ni bonne ni mauvaise réponse.</p>",
}
SHORT_TEXT = question("Quel est votre métier aujourd'hui ?", "Par exemple : secrétaire médicale.")
LONG_TEXT = question("Qu'attendez-vous de ce bilan de compétences ?", "Décrivez votre situation et ce qui vous amène.")
SINGLE_CHOICE = question(
    "Comment souhaitez-vous suivre votre bilan ?", choices=["À distance", "En présentiel", "Les deux"]
)
MULTIPLE_CHOICE = question(
    "Qu'est-ce qui motive votre démarche ?",
    "Deux réponses au plus.",
    choices=["Évoluer dans mon métier", "Changer de métier", "Créer une entreprise", "Me former"],
    max_choices=2,
)
SCALE = question(
    "Quelle importance accordez-vous à ces valeurs dans votre travail ?",
    items=["La sécurité de l'emploi", "L'autonomie", "La reconnaissance"],
    steps=5,
    min_label="Sans importance",
    max_label="Très important",
)
RANKING = question(
    "Classez vos priorités de vie, de la plus à la moins importante.",
    choices=["La famille", "La santé", "Le travail", "Les loisirs"],
)
TABLE = question("Quelles compétences avez-vous acquises, et où ?", columns=["Compétence", "Où acquise"], max_rows=10)
REPEATABLE = question(
    "Vos expériences professionnelles",
    fields=[
        {"label": "Période", "multiline": False},
        {"label": "Employeur", "multiline": False},
        {"label": "Ce que j'ai aimé", "multiline": True},
    ],
    max_rows=10,
)
