"""Protection against guessing passwords, with django-axes: after AXES_FAILURE_LIMIT wrong
passwords in a row, signing in to that account from that address is paused for
AXES_COOLOFF_TIME; colleagues sharing the address, and the owner elsewhere, are not.
Every failure is logged with the username and address escaped, so a username with a
line break in it cannot forge a log line.

Behind a proxy, the address is the proxy's own unless TRUSTED_PROXIES says how many
proxies put the client's address in X-Forwarded-For (see the README)."""

import logging

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger("perfmgmt.sign_in")


def client_address(request) -> str:
    """REMOTE_ADDR; behind TRUSTED_PROXIES proxies, the address the nearest of them saw."""
    proxies = settings.TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response=None, credentials=None):
    """The page for a paused sign-in: says why, and when to try again (the pause runs from
    the last wrong password), in UK time."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=client_address(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    until = timezone.localtime((last or timezone.now()) + settings.AXES_COOLOFF_TIME)
    return render(
        request,
        "registration/locked_out.html",
        {"until": until, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@receiver(user_login_failed, dispatch_uid="perfmgmt.log_sign_in_failure")
def log_failure(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    address = client_address(request) if request is not None else "no request"
    # %r escapes line breaks and control characters, so the log keeps one line per failure.
    logger.warning("Sign-in failed for username %r from address %r", username, address)
