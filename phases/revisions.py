"""A page saved without any change keeps its latest revision: no identical revision is created, so
« Comparer avec la version précédente » always has something to show."""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder

# What a revision records that is not the page's content: Wagtail's own bookkeeping of revisions,
# publication and locks.
BOOKKEEPING = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "live",
        "live_revision",
        "first_published_at",
        "last_published_at",
        "locked",
        "locked_at",
        "locked_by",
        "expired",
        "numchild",
        "draft_title",
    }
)


# The rich-text editor numbers its paragraphs anew when it converts them: not a change of the text.
BLOCK_KEYS = re.compile(r' data-block-key=\\*"[^"\\]*\\*"')


def content_of(serialized: dict) -> str:
    """The page as a revision records it, without the bookkeeping: equal for two identical versions."""
    content = {name: value for name, value in serialized.items() if name not in BOOKKEEPING}
    return BLOCK_KEYS.sub("", json.dumps(content, sort_keys=True, cls=DjangoJSONEncoder))


class SkipUnchangedRevisionMixin:
    """For a Page model: `save_revision` answers the latest revision when the page is as it records it."""

    def save_revision(self, user=None, *args, **kwargs):
        latest = self.get_latest_revision()
        unchanged = latest is not None and content_of(latest.content) == content_of(self.serializable_data())
        if unchanged and not kwargs.get("overwrite_revision"):
            return latest
        return super().save_revision(user, *args, **kwargs)
