from django.contrib import admin

from danvan.lib.admin import ReadOnlyAdmin
from danvan.orgs.models import Membership, Org, OrgEvent, Person


@admin.register(Org)
class OrgAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "kind", "status", "depth", "is_demo"]
    list_filter = ["kind", "status", "is_demo"]
    search_fields = ["name_folded", "code"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "gender", "birth_date", "party_card_number", "is_demo"]
    search_fields = ["name_folded", "party_card_number"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["person", "org", "position", "start", "end"]
    list_filter = ["position"]


@admin.register(OrgEvent)
class OrgEventAdmin(ReadOnlyAdmin):
    list_display = ["org", "kind", "on", "actor", "at"]
    list_filter = ["kind"]
