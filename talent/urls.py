"""Public pages of the talent records (mounted at the site root, under i18n_patterns)."""

from django.urls import path

from . import views

app_name = "talent"

urlpatterns = [
    path("honors/", views.HonorIndexView.as_view(), name="honor-index"),
    path("honors/<slug:title>/<int:year>/", views.HonorRollView.as_view(), name="honor-roll"),
    path("craftsmen/<uuid:uid>/", views.CraftsmanDetailView.as_view(), name="craftsman-detail"),
    path("studios/", views.StudioListView.as_view(), name="studio-list"),
    path("studios/<int:pk>/", views.StudioDetailView.as_view(), name="studio-detail"),
    path("competitions/", views.CompetitionListView.as_view(), name="competition-list"),
    path(
        "competitions/<slug:slug>/",
        views.CompetitionDetailView.as_view(),
        name="competition-detail",
    ),
]
