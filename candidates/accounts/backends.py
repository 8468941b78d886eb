"""Authentication backends."""

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, for every authentication that comes with a request.

    Every login over the web (the portal's login view, Wagtail's) passes its request and is
    throttled. A call without one (the test client's `login()`, a shell) has no address to
    throttle: axes would refuse it outright; here the next backend decides.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
