import uuid

from django.db import migrations, models


def give_each_row_a_key(apps, schema_editor):
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    for pk in OutboxMessage.objects.filter(key__isnull=True).values_list("pk", flat=True):
        OutboxMessage.objects.filter(pk=pk).update(key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_outboxmessage_secret_values")]

    operations = [
        # Nullable first: a default on AddField would give every existing row the same key.
        migrations.AddField(
            model_name="outboxmessage",
            name="key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_row_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outboxmessage",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
