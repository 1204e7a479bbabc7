"""The accounts of the clients registered before service accounts were told apart."""

from django.db import migrations


def mark(apps, schema_editor):
    ApiClient = apps.get_model("api", "ApiClient")
    User = apps.get_model("accounts", "User")
    users = ApiClient.objects.values("user_id")
    # "!": no password matches it (Django's mark of an unusable one).
    User.objects.filter(pk__in=users).update(is_service_account=True, password="!")  # noqa: S106


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_clients_and_webhooks"),
        ("accounts", "0008_service_accounts"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
