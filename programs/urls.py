"""Public pages of programs, training bases and the shortage catalogue."""

from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("programs/", views.ProgramListView.as_view(), name="program-list"),
    path("programs/<slug:slug>/", views.ProgramDetailView.as_view(), name="program-detail"),
    path("bases/", views.BaseListView.as_view(), name="base-list"),
    path("bases/<int:pk>/", views.BaseDetailView.as_view(), name="base-detail"),
    path("shortage/", views.ShortageView.as_view(), name="shortage-latest"),
    path("shortage/<int:year>/", views.ShortageView.as_view(), name="shortage-year"),
]
