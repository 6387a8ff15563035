from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from danvan.accounts.models import RoleGrant, User
from danvan.audit.services import audit_record


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "person", "is_active", "is_superuser", "is_demo", "last_login"]
    fieldsets = [*BaseUserAdmin.fieldsets, ("danvan", {"fields": ["person", "is_demo"]})]
    raw_id_fields = ["person"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {name: [form.initial.get(name), form.cleaned_data.get(name)] for name in form.changed_data if name != "password"}
        audit_record(actor=request.user, action="user.change" if change else "user.create", obj=obj, changes=changes)


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "org", "granted_by", "granted_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "org"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="role.grant", obj=obj, org=obj.org, changes={"role": [None, obj.role]})

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action="role.revoke", obj=obj, org=obj.org, changes={"role": [obj.role, None]})
        super().delete_model(request, obj)
