"""The managers' groups: "Managers" see the dashboards of the offices they serve (given in the
user form, as officers are); "National managers" see every office's."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Managers": [("wagtailadmin", "access_admin"), ("dashboard", "view_dashboard")],
    "National managers": [
        ("wagtailadmin", "access_admin"),
        ("dashboard", "view_dashboard"),
        ("dashboard", "view_all_offices"),
    ],
}


def create(apps, schema_editor):
    for app_config in apps.get_app_configs():
        if app_config.label in ("dashboard", "wagtailadmin"):
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUPS.items():
        group = Group.objects.get_or_create(name=name)[0]
        for app, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_facts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
