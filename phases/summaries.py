"""Answers of many people to one question, summed up (a questionnaire's results): how many answered,
and for a scale the mean and the distribution of each item, for a choice how often each proposition was
chosen, for a text the texts themselves (shown only where answers are not anonymous). Each question
block sums up its own answers (`QuestionBlock.summarise`); nobody reads a single person's answer here."""

from dataclasses import dataclass, field


@dataclass
class Summary:
    """One question (or one item of a scale) summed up over `count` answers."""

    label: str
    kind: str  # "scale", "choice", "text" or "other": which template shows it
    count: int = 0
    mean: float | None = None
    # [(value or proposition, how many, percent of the answers)], in the scale's or the editor's order
    distribution: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    steps: int = 0


def counted(label: str, kind: str, values: list, options: list, **extra) -> Summary:
    """A Summary of `values` (the answers given) over `options` [(key, label)]."""
    count = len(values)
    distribution = [
        (shown, hits, round(100 * hits / count) if count else 0)
        for key, shown in options
        for hits in [sum(1 for value in values if value == key)]
    ]
    return Summary(label, kind, count, distribution=distribution, **extra)
