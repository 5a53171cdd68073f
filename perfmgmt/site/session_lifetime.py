"""Sign people out after an absolute session lifetime, whatever their activity.

Council PCs are shared, so besides the idle timeout (SESSION_COOKIE_AGE renewed on every
request) a session ends SESSION_ABSOLUTE_LIFETIME after sign-in.
"""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone

SIGNED_IN_AT = "perfmgmt_signed_in_at"


class AbsoluteSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now()
            started = request.session.get(SIGNED_IN_AT)
            if started is None:
                request.session[SIGNED_IN_AT] = now.isoformat()
            elif now - datetime.fromisoformat(started) > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                messages.info(request, "You have been signed out because your session reached its time limit.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
