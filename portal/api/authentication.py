"""Token authentication: `Authorization: Bearer <key>`, checked against the stored SHA-256."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from portal.api.models import ApiToken
from portal.api.throttling import FailedAuthenticationThrottle

# last_used is a hint for administrators, not an audit log: write it at most once a minute.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = (b"bearer", b"token")

    def authenticate(self, request):
        try:
            return self.check_header(request)
        except exceptions.AuthenticationFailed:
            throttle = FailedAuthenticationThrottle()
            if not throttle.allow_request(request, None):
                raise exceptions.Throttled(wait=throttle.wait()) from None
            raise

    def check_header(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Authorization 头应为“Bearer <密钥>”。"))
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("令牌无效、已吊销或已过期。")) from None
        return self.authenticate_key(key)

    def authenticate_key(self, key):
        now = timezone.now()
        token = (
            ApiToken.objects.select_related("owner")
            .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True)
            .first()
        )
        if (
            token is None
            or (token.expires_at is not None and token.expires_at <= now)
            or not token.owner.is_active
        ):
            raise exceptions.AuthenticationFailed(_("令牌无效、已吊销或已过期。"))
        if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return token.owner, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


def token_can(request, scope):
    """Whether the request carries a live token granting `scope` (write implies read drafts)."""
    token = request.auth
    if not isinstance(token, ApiToken):
        return False
    if scope == ApiToken.Scope.READ_DRAFTS:
        return True
    return token.scope == ApiToken.Scope.WRITE
