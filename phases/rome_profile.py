"""A candidate's ROME profile: what their answers to the ROME blocks say (competences, jobs, interests),
gathered from every phase; and where the portal writes for them (the envisaged jobs, the plan d'action).
Each block says what it gives (`add_to_profile`) or takes (`takes_considered_jobs`, `with_step`)."""

from collections.abc import Iterable

from .rome_blocks import RomeProfile


def rome_profile(phase_answers: Iterable[tuple]) -> RomeProfile:
    """The profile of (phase, answers) pairs, in the bilan's order (a later inventory wins)."""
    profile = RomeProfile()
    for phase, answers in phase_answers:
        for child in phase.question_children:
            add = getattr(child.block, "add_to_profile", None)
            if add and child.id in answers:
                add(child.value, answers[child.id], profile)
    return profile


def first_question(phases: Iterable, takes) -> tuple | None:
    """(phase, child) of the first question, in the bilan's order, whose block answers `takes(block,
    value)` with True; None when no phase has one."""
    for phase in phases:
        for child in phase.question_children:
            if takes(child.block, child.value):
                return phase, child
    return None


def considered_jobs_question(phases):
    """Where « Ajouter à mes métiers envisagés » writes: the first list of envisaged jobs."""
    return first_question(phases, lambda block, value: getattr(block, "takes_considered_jobs", lambda v: False)(value))


def action_plan_question(phases):
    """Where « Ajouter au plan d'action » writes: the first plan d'action."""
    return first_question(phases, lambda block, value: hasattr(block, "with_step"))
