from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import DABM


class DABMAdmin(ModelAdmin):
    model = DABM
    menu_label = _("DABM")
    menu_icon = "site"
    list_display = ("name", "city")
    search_fields = ("name", "city")


@modeladmin_register
class BilansGroup(ModelAdminGroup):
    menu_label = _("Bilans")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (DABMAdmin,)
