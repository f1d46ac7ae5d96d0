"""The admin site: password plus a TOTP (or recovery) code when 2FA is required.

A staff member without a device signs in with the password once and is taken to the
enrolment page (QR code, then one code to confirm), which hands out ten single-use recovery
codes (django-otp's static device). Until then the admin itself stays closed to them.
"""

import base64
import secrets

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import signals as auth_signals
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit

RECOVERY_CODES = 10


def two_factor_required():
    return settings.PORTAL_REQUIRE_2FA


def has_device(user):
    return any(django_otp.devices_for_user(user, confirmed=True))


class PortalLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("动态验证码"),
        required=False,
        max_length=16,
        help_text=_("验证器应用显示的 6 位数字，或一个恢复码。首次登录尚未绑定的可留空。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_missing": _("请输入动态验证码。"),
        "otp_invalid": _("动态验证码不正确或已使用。"),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if not two_factor_required():
            del self.fields["otp_token"]

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if not two_factor_required() or user is None or not has_device(user):
            return cleaned
        token = (cleaned.get("otp_token") or "").strip().replace(" ", "")
        device = django_otp.match_token(user, token) if token else None
        if device is None:
            # Counts towards the lockout like a wrong password.
            auth_signals.user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            code = "otp_invalid" if token else "otp_missing"
            raise forms.ValidationError(self.error_messages[code], code=code)
        user.portal_otp_device = device
        return cleaned


def verify_after_login(sender, request, user, **kwargs):
    """Mark the new session verified with the device the login form matched."""
    device = getattr(user, "portal_otp_device", None)
    if device is not None and request is not None:
        django_otp.login(request, device)
        audit.event("otp_verified", request, username=user.get_username(), device=device.name)


auth_signals.user_logged_in.connect(verify_after_login, dispatch_uid="portal-otp-login")


class EnrolForm(forms.Form):
    otp_token = forms.CharField(label=_("动态验证码"), max_length=8)


class PortalAdminSite(admin.AdminSite):
    login_form = PortalLoginForm
    login_template = "admin/portal/login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not two_factor_required() or request.user.is_verified()

    def login(self, request, extra_context=None):
        user = request.user
        if (
            request.method == "GET"
            and two_factor_required()
            and user.is_authenticated
            and user.is_active
            and user.is_staff
            and not user.is_verified()
            and not has_device(user)
        ):
            return redirect("admin:otp-enrol")
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path("otp/enrol/", self.enrol_view, name="otp-enrol"),
            *super().get_urls(),
        ]

    def enrol_view(self, request):
        """Bind an authenticator app: QR code, one code to confirm, recovery codes shown once."""
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        if has_device(user):
            return redirect("admin:index")
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": str(_("验证器应用"))}
        )
        form = EnrolForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if device.verify_token(form.cleaned_data["otp_token"].strip()):
                codes = self.confirm(request, device)
                context = {**self.each_context(request), "title": _("恢复码"), "codes": codes}
                return TemplateResponse(request, "admin/portal/otp_recovery_codes.html", context)
            form.add_error("otp_token", _("动态验证码不正确，请核对手机时间后重试。"))
        context = {
            **self.each_context(request),
            "title": _("绑定验证器应用"),
            "form": form,
            "qr_data_uri": qr_data_uri(device.config_url),
            "secret": base64.b32encode(device.bin_key).decode("ascii"),
        }
        return TemplateResponse(request, "admin/portal/otp_enrol.html", context)

    @staticmethod
    def confirm(request, device):
        device.confirmed = True
        device.save()
        recovery, _created = StaticDevice.objects.get_or_create(
            user=device.user, name=str(_("恢复码"))
        )
        recovery.token_set.all().delete()
        codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
        django_otp.login(request, device)
        audit.event("otp_enrolled", request)
        return codes


def qr_data_uri(text):
    """The otpauth:// URL as an inline SVG image (a data: URI, allowed by the CSP)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
