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
ROME_COMPETENCES = question(
    "Quelles compétences avez-vous développées ?",
    "Recherchez-les dans le référentiel ROME, puis dites comment vous les maîtrisez.",
    levels=["Je découvre", "Je pratique", "Je maîtrise"],
    max_items=30,
)
ROME_JOBS = question(
    "Quels métiers envisagez-vous ?",
    levels=["Peu attirant", "Attirant", "Très attirant"],
    max_items=10,
    relation="envisages",
)
RIASEC = question(
    "Dans quelle mesure ces activités vous plairaient-elles ?",
    items=[
        {"text": "Réparer un appareil ou une machine", "dimension": "R"},
        {"text": "Comprendre comment fonctionne un phénomène", "dimension": "I"},
        {"text": "Imaginer une affiche ou un décor", "dimension": "A"},
        {"text": "Accompagner une personne en difficulté", "dimension": "S"},
        {"text": "Convaincre un client ou un partenaire", "dimension": "E"},
        {"text": "Tenir à jour un fichier ou un planning", "dimension": "C"},
    ],
    steps=4,
    min_label="Pas du tout",
    max_label="Beaucoup",
)
ACTION_PLAN = question(
    "Quelles actions allez-vous mener ?",
    columns=["Action", "Échéance", "Ressources ou personnes"],
    max_rows=20,
)
