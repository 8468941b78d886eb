"""Turn a phase page into the POST data of Wagtail's page editor, as the admin's form would send it."""

from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data, rich_text


def block_form_value(block, value):
    if isinstance(block, blocks.StreamBlock):
        children = {
            str(i): {
                "type": child["type"],
                "id": child["id"],
                "order": str(i),
                "deleted": "",
                "value": block_form_value(block.child_blocks[child["type"]], child["value"]),
            }
            for i, child in enumerate(value)
        }
        return {"count": str(len(value)), **children}
    if isinstance(block, blocks.ListBlock):
        children = {
            str(i): {
                "id": item["id"],
                "order": str(i),
                "deleted": "",
                "value": block_form_value(block.child_block, item["value"]),
            }
            for i, item in enumerate(value)
        }
        return {"count": str(len(value)), **children}
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_value(child, value.get(name))
            for name, child in block.child_blocks.items()
            if not (isinstance(child, blocks.BooleanBlock) and not value.get(name))
        }
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value)
    return "" if value is None else str(value)


def phase_form_data(page, raw_questions, **changes):
    """The editor's form for `page` with the questions `raw_questions` (StreamField raw data)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "legal_phase": page.legal_phase,
        "estimated_minutes": str(page.estimated_minutes),
        "introduction": rich_text(page.introduction),
        "questions": block_form_value(page.questions.stream_block, raw_questions),
        **changes,
    }
    return nested_form_data(data)
