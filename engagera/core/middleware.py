from django.utils import timezone, translation

from .access import membership_for


class OrganisationMiddleware:
    """Attach the signed-in user's membership, and use their language and time zone.

    Language order: the user's own choice, then the organisation's default, and for
    anonymous visitors the language cookie or the browser (Django's LocaleMiddleware).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = membership_for(request.user)
        request.membership = membership
        request.organisation = membership.organisation if membership else None
        if membership:
            timezone.activate(membership.organisation.tzinfo)
            language = request.user.language or membership.organisation.language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if membership:
            timezone.deactivate()
        return response
