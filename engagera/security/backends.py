from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for sign-ins through a web request.

    Without a request (the command line, a test's authenticate()) there is no address to
    throttle by, and axes would raise; the other backends decide alone.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
