"""portal.frame_stack: every request runs through it, and it changes nothing of what the request returns or
raises (docs/performance.md says what it saves)."""

import pytest
from django.conf import settings
from django.http import HttpResponse

from portal.frame_stack import FrameStackMiddleware, in_own_chunk


def test_it_is_the_outermost_middleware():
    assert settings.MIDDLEWARE[0] == "portal.frame_stack.FrameStackMiddleware"


def test_the_response_and_the_errors_pass_through():
    response = HttpResponse("réponse")
    assert FrameStackMiddleware(lambda request: response)(object()) is response

    def failing(request):
        raise LookupError("perdu")

    with pytest.raises(LookupError, match="perdu"):
        FrameStackMiddleware(failing)(object())


def test_deep_calls_from_the_large_frame_still_work():
    def depth(n):
        return 0 if n == 0 else 1 + depth(n - 1)

    assert in_own_chunk(depth, 500) == 500
