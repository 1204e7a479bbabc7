"""The "Auditors" group: it reads the whole audit trail in the admin (Reports → Audit trail),
searches, filters and exports it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [("wagtailadmin", "access_admin"), ("audit", "view_auditrecord")]


def create(apps, schema_editor):
    for app_config in apps.get_app_configs():
        if app_config.label in ("audit", "wagtailadmin"):
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get_or_create(name="Auditors")[0]
    for app, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
