"""Programs' files, outside the language prefix: a file is the same in every language."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "files/programs/<slug:slug>/attachment.pdf",
        views.program_attachment,
        name="program-attachment",
    ),
]
