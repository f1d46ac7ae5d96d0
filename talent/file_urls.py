"""Craftsmen's photos, outside the language prefix: a file is the same in every language."""

from django.urls import path

from . import views

urlpatterns = [
    path("files/craftsmen/<uuid:uid>/photo", views.craftsman_photo, name="craftsman-photo"),
]
