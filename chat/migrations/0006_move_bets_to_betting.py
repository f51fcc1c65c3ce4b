"""BetPlacement and BetAuditEntry now belong to the `betting` app (betting/migrations/0001).

State only: the tables keep their names and every row. The placement's foreign key to the
conversation loses its database constraint first (betting sits below chat and keeps the session id
as a plain value), so deleting a conversation never touches a bet record.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("chat", "0005_alter_betauditentry_status"),
    ]

    operations = [
        migrations.AlterField(
            model_name="betplacement",
            name="conversation",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="bets",
                                    to="chat.conversation"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="BetPlacement"),
                migrations.DeleteModel(name="BetAuditEntry"),
            ],
            database_operations=[],
        ),
    ]
