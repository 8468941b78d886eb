"""Each request in a stretch of CPython's frame stack of its own, so that it never maps and unmaps memory call
after call.

CPython 3.11 and 3.12 (and 3.13 and 3.14 until the fix of gh-142183, in 2026) keep the frames of Python calls in
chunks of 16 KiB. A call that does not fit opens a new chunk, mapped from the system, and the chunk is unmapped as
soon as that call returns. A loop that calls across the end of a chunk pays both every time: Django's template
rendering, a hundred frames deep, does so thousands of times on a page whose depth happens to fall there (the phase
page: about 1 950 times a request, 15 ms of 31 on PostgreSQL with 100 000 candidates; docs/performance.md, « Sous
charge »). Where the boundary falls moves with every template edit, so it cannot be avoided page by page.

`FrameStackMiddleware`, first of all, calls the rest of the request through `in_own_chunk`, whose frame asks for
more room than a chunk holds: CPython gives it a chunk of 128 KiB, the rest of which (about 70 KiB) holds the
request's frames: 16 KiB at the deepest measured (the phase page, 125 frames). One chunk is mapped per request,
instead of one per crossing. The room is asked for as evaluation stack (`co_stacksize`), which CPython neither
fills nor clears: nothing is written to it."""

PADDING_SLOTS = 7200  # 57 KiB: more than CPython's minimum chunk, so its own chunk is sized (doubled) to 128 KiB


def in_own_chunk(function, argument):
    """`function(argument)`, from a frame that opens a chunk of CPython's frame stack of its own."""
    return function(argument)


in_own_chunk.__code__ = in_own_chunk.__code__.replace(co_stacksize=PADDING_SLOTS)


class FrameStackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return in_own_chunk(self.get_response, request)
