from django.urls import path

from . import views

app_name = "orientation"

urlpatterns = [
    path("mon-bilan/mes-metiers/", views.overview, name="overview"),
    path("mon-bilan/mes-metiers/envisager/", views.envisage, name="envisage"),
    path("mon-bilan/mes-metiers/plan-d-action/", views.plan_add, name="plan_add"),
    path("mon-bilan/mes-metiers/ecarter/", views.dismiss, name="dismiss"),
    path("mon-bilan/mes-metiers/ecartes/<str:code>/retablir/", views.restore, name="restore"),
]
