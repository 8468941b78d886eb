"""The sections of *L'activité de l'académie* about after the bilan: the *Appréciation de fin de bilan*
(Qualiopi indicator 30) per question, and the situations given in the *Suivi à six mois*. Aggregates only,
and the appreciations only from as many answers as a counsellor needs to see theirs (`THRESHOLD`)."""

from django.utils.translation import gettext_lazy as _

from ..followup.models import FollowUp
from ..satisfaction.selectors import THRESHOLD
from .figures import Scope, Section, Table, count, satisfied, score, share


class Satisfaction:
    key = "appreciation"
    title = _("Appréciation de fin de bilan")

    def compute(self, scope: Scope) -> Section:
        appreciations = scope.satisfaction
        top, ratings = appreciations.satisfied
        answers = Table(
            _("Questionnaires de la période"),
            [_("Mesure"), _("Valeur")],
            [
                (_("Candidats invités"), [count(appreciations.asked)]),
                (_("Réponses"), [count(appreciations.answered)]),
                (_("Taux de réponse"), [share(appreciations.answered, appreciations.asked)]),
            ],
            chart_column=None,
        )
        explanations = [
            (
                _("Période"),
                _("questionnaires dont l'invitation est partie dans la période (ou, sans invitation, répondus)."),
            ),
            (_("Note moyenne"), _("moyenne des notes données à la question (de 1 à 5).")),
            (_("Satisfaits"), _("part des notes dans les deux plus hautes de l'échelle (4 ou 5 sur 5).")),
        ]
        if appreciations.answered < THRESHOLD:
            note = _("Les résultats par question s'affichent à partir de %(threshold)s réponses (%(n)s ici).") % {
                "threshold": THRESHOLD,
                "n": appreciations.answered,
            }
            return Section(self.key, self.title, [answers], explanations, note=note)
        scales = [summary for summary in appreciations.summaries if summary.kind == "scale"]
        rows = [
            (summary.label, [score(summary.mean), count(summary.count), share(satisfied(summary), summary.count)])
            for summary in scales
        ]
        rows.append((_("Toutes les questions notées"), [score(None), count(ratings), share(top, ratings)]))
        per_question = Table(
            _("Notes par question"), [_("Question"), _("Note moyenne (sur 5)"), _("Notes"), _("Satisfaits")], rows
        )
        return Section(self.key, self.title, [answers, per_question], explanations)


class FollowUps:
    key = "suivi"
    title = _("Suivi à six mois")

    def compute(self, scope: Scope) -> Section:
        figures = scope.followups
        sent = sum(sent for sent, _answered in figures.values())
        answered = sum(answered for _sent, answered in figures.values())
        summary = Table(
            _("Questionnaires de suivi de la période"),
            [_("Mesure"), _("Valeur")],
            [
                (_("Envoyés"), [count(sent)]),
                (_("Répondus"), [count(answered)]),
                (_("Taux de réponse"), [share(answered, sent)]),
            ],
            chart_column=None,
        )
        situations = Table(
            _("Situation six mois après le bilan"),
            [_("Situation"), _("Réponses"), _("Part")],
            [
                (label, [count(n), share(n, answered)])
                for value, label in FollowUp.Situation.choices
                for n in [figures.get(value, (0, 0))[1]]
            ],
            empty_label=_("Aucune réponse dans la période."),
        )
        explanations = [
            (_("Période"), _("questionnaires de suivi dont la date prévue est dans la période.")),
            (_("Situation"), _("celle que le bénéficiaire a donnée en répondant.")),
        ]
        return Section(self.key, self.title, [summary, situations], explanations)
