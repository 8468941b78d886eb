"""The blocks an editor can put in a phase, in the order of the StreamField's menu."""

from wagtail import blocks

from .blocks import (
    InstructionBlock,
    LongTextBlock,
    MultipleChoiceBlock,
    RankingBlock,
    ScaleBlock,
    ShortTextBlock,
    SingleChoiceBlock,
)
from .rome_blocks import GapBlock, RiasecBlock, RomeCompetencesBlock, RomeJobsBlock, SuggestionsBlock
from .row_blocks import ActionPlanBlock, RepeatableBlock, TableBlock


class QuestionStreamBlock(blocks.StreamBlock):
    instruction = InstructionBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    scale = ScaleBlock()
    ranking = RankingBlock()
    table = TableBlock()
    repeatable = RepeatableBlock()
    action_plan = ActionPlanBlock()
    rome_competences = RomeCompetencesBlock()
    rome_jobs = RomeJobsBlock()
    riasec = RiasecBlock()
    rome_suggestions = SuggestionsBlock()
    rome_gap = GapBlock()
