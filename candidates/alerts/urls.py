from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("conseiller/candidats/<int:pk>/rappel/", views.reminder_send, name="remind"),
]
