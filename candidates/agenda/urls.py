from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("mon-compte/agenda/", views.agenda, name="week"),
    path("mon-compte/agenda/nouveau/", views.appointment_add, name="add"),
    path("mon-compte/agenda/abonnement/creer/", views.calendar_feed_create, name="feed_create"),
    path("mon-compte/agenda/abonnement/revoquer/", views.calendar_feed_revoke, name="feed_revoke"),
    path("mon-compte/agenda/<int:pk>/", views.appointment_detail, name="detail"),
    path("mon-compte/agenda/<int:pk>/modifier/", views.appointment_edit, name="edit"),
    path("mon-compte/agenda/<int:pk>/annuler/", views.appointment_cancel, name="cancel"),
    path("mon-compte/agenda/<int:pk>/rendez-vous.ics", views.appointment_ics, name="ics"),
    path("agenda/<slug:token>.ics", views.calendar_feed, name="feed"),
]
