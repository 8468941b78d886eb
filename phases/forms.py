from django.forms.widgets import ChoiceWidget
from django.utils.html import format_html
from dsfr.forms import DsfrBaseForm, DsfrBoundField
from dsfr.utils import dsfr_input_class_attr

from .drawn_once import Mark, drawn


class UnansweredField(DsfrBoundField):
    """A question's field as DSFR draws it with no answer: the skeleton of `AnswerField`."""

    def value(self):
        return None


class AnswerField(DsfrBoundField):
    """A question's field on the candidate's form. Its radio buttons and checkboxes, drawn by DSFR's
    templates at two includes each, are drawn once per question and name (`drawn_once.py`), the answer
    checked in them as Django's `ChoiceWidget` checks it; a field with an error is drawn in full."""

    def as_field_group(self):
        widget = self.field.widget
        if not isinstance(widget, ChoiceWidget) or self.errors:
            return super().as_field_group()
        choices = tuple((str(choice), str(label)) for choice, label in self.field.choices)
        key = (type(widget), self.template_name, self.html_name, self.auto_id, str(self.label), str(self.help_text))
        key += (self.field.required, tuple(sorted(widget.attrs.items())), choices)
        unanswered = UnansweredField(self.form, self.field, self.name)
        return drawn(key, unanswered.as_field_group, self.marks(choices))

    def marks(self, choices) -> list[Mark]:
        """` checked` at the end of each chosen option's input: every one, or the first for radio buttons."""
        chosen, marks = self.field.widget.format_value(self.value()), []
        for choice, _label in choices:
            if choice in chosen and (self.field.widget.allow_multiple_selected or not marks):
                marks.append(Mark((format_html('name="{}" value="{}"', self.html_name, choice), ">"), " checked"))
        return marks


class AnswerForm(DsfrBaseForm):
    """The candidate's form for one phase: one field per question, named by the block's id.

    Every field is optional here: a draft may be incomplete. Required questions are checked
    when the candidate marks the phase as finished (`PhasePage.missing_required`).
    """

    bound_field_class = AnswerField

    def __init__(self, *args, phase, answers: dict, searches: dict | None = None, **kwargs):
        """`searches`: {block id: query} of ROME searches sent without JavaScript, answered on the form."""
        super().__init__(*args, **kwargs)
        self.phase, self.saved = phase, answers
        self.children = {child.id: child for child in phase.question_children}
        for block_id, child in self.children.items():
            field = child.block.form_field(child.value, answers.get(block_id))
            field.initial = answers.get(block_id)
            field.is_required_question = child.value["required"]
            self.fields[block_id] = field
            dsfr_input_class_attr(self[block_id])
        for block_id, query in (searches or {}).items():
            self.fields[block_id].widget.query = query

    def searches(self) -> dict:
        """{block id: query} of the ROME search boxes the candidate filled in (`rome_fields.py`)."""
        return {
            block_id: self.data.get(f"{block_id}__query", "")
            for block_id, field in self.fields.items()
            if hasattr(field.widget, "query") and self.data.get(f"{block_id}__query", "")
        }

    def cleaned_answers(self) -> dict:
        """The answers keyed by block id, for the questions present on this form, each keeping what the
        saved answer holds of parts the question no longer has (`QuestionBlock.keep_retired`)."""
        return {
            block_id: child.block.keep_retired(child.value, self.saved.get(block_id), self.cleaned_data.get(block_id))
            for block_id, child in self.children.items()
        }

    def stream(self):
        """The phase in page order: (child, bound field) for questions, (child, None) for instructions."""
        return [(child, self[child.id] if child.id in self.children else None) for child in self.phase.stream_children]


class QuestionPreviewForm(DsfrBaseForm):
    """One question as the candidate sees it, unanswered: the preview of the editors' block chooser."""

    def __init__(self, *, block, value):
        super().__init__()
        self.fields["question"] = block.form_field(value)
        dsfr_input_class_attr(self["question"])
