from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="secret_values",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
