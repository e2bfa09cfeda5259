from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [
        # Reports generated before hold null: nobody knows what they print, so only their
        # requester and the secretariat may read them. New ones start with an empty list.
        migrations.AddField(
            model_name="generatedreport",
            name="holds",
            field=models.JSONField(
                blank=True, null=True, verbose_name="restricted contents"
            ),
        ),
        migrations.AlterField(
            model_name="generatedreport",
            name="holds",
            field=models.JSONField(
                blank=True, default=list, null=True, verbose_name="restricted contents"
            ),
        ),
    ]
