"""BetPlacement and BetAuditEntry, moved from `chat` (chat/migrations/0006) with their tables and rows.

State only: the tables `chat_betplacement` and `chat_betauditentry` (and PostgreSQL's append-only
trigger on the audit table) stay exactly as they are.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("chat", "0006_move_bets_to_betting"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="BetPlacement",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("conversation_id", models.UUIDField(blank=True, null=True)),
                        ("fixture_id", models.CharField(max_length=64)),
                        ("fixture_label", models.CharField(blank=True, max_length=200)),
                        ("market", models.CharField(max_length=40)),
                        ("selection", models.CharField(max_length=40)),
                        ("bet_id", models.CharField(max_length=100)),
                        ("odds", models.DecimalField(decimal_places=3, max_digits=10)),
                        ("stake", models.DecimalField(decimal_places=2, max_digits=12)),
                        ("currency", models.CharField(default="USD", max_length=3)),
                        ("possible_win", models.DecimalField(blank=True, decimal_places=2, max_digits=14,
                                                             null=True)),
                        ("upstream_bet_id", models.CharField(blank=True, max_length=100)),
                        ("status", models.CharField(choices=[("pending", "Pending"), ("placed", "Placed"),
                                                             ("failed", "Failed")],
                                                    default="placed", max_length=10)),
                        ("claim_key", models.CharField(blank=True, max_length=120, null=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                   related_name="chat_bets", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "chat_betplacement",
                        "indexes": [models.Index(fields=["user", "-created_at"], name="chat_bet_user_created")],
                        "constraints": [models.UniqueConstraint(fields=("user", "claim_key"),
                                                                name="chat_bet_one_claim")],
                    },
                ),
                migrations.CreateModel(
                    name="BetAuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("kind", models.CharField(choices=[("simulation", "Simulation"), ("placement", "Real bet")],
                                                  max_length=12)),
                        ("status", models.CharField(choices=[
                            ("simulated", "Simulated"), ("confirmation_required", "Shown, awaiting confirmation"),
                            ("placed", "Placed"), ("rejected", "Rejected"), ("failed", "Failed"),
                            ("outcome_unknown", "Outcome unknown (may be placed)")], max_length=24)),
                        ("identity_key", models.CharField(max_length=80)),
                        ("session_id", models.UUIDField(blank=True, null=True)),
                        ("fixture_id", models.CharField(blank=True, max_length=64)),
                        ("fixture_label", models.CharField(blank=True, max_length=200)),
                        ("market", models.CharField(blank=True, max_length=40)),
                        ("selection", models.CharField(blank=True, max_length=40)),
                        ("stake", models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True)),
                        ("odds", models.DecimalField(blank=True, decimal_places=3, max_digits=10, null=True)),
                        ("currency", models.CharField(blank=True, max_length=3)),
                        ("request", models.JSONField(blank=True, default=dict)),
                        ("confirmation", models.JSONField(blank=True, default=dict)),
                        ("upstream", models.JSONField(blank=True, default=dict)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ("user", models.ForeignKey(blank=True, db_constraint=False, null=True,
                                                   on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                                   to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "chat_betauditentry",
                        "verbose_name": "bet audit entry",
                        "verbose_name_plural": "bet audit trail",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(fields=["user", "-created_at"], name="chat_betaudit_user_created"),
                            models.Index(fields=["kind", "-created_at"], name="chat_betaudit_kind_created"),
                        ],
                    },
                ),
            ],
        ),
    ]
