from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from candidates.wagtail_admin.bulk import bulk_action

urlpatterns = [
    path("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),  # Wagtail's, ids checked
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("candidates.urls")),
    path("", include("home.urls")),
    path("", include("documents.urls")),
]

if settings.DEBUG:
    # Public content images uploaded by editors. Personal files never live under MEDIA_ROOT.
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
