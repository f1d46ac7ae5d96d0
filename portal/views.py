"""Site-wide pages: home and the load balancer's health check."""

from django.apps import apps
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render


def home(request):
    figures = [
        (model._meta.verbose_name_plural, model.objects.published().count())
        for model in (
            apps.get_model("programs", "Program"),
            apps.get_model("talent", "Studio"),
            apps.get_model("programs", "TrainingBase"),
            apps.get_model("talent", "Competition"),
        )
    ]
    return render(request, "portal/home.html", {"figures": figures})


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", never a 500
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
