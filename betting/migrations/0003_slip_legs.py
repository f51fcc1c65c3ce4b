"""A slip holds 1..N legs (accumulators): the legs move from a JSON list on the slip to rows of their own.

Data-preserving: every existing slip gets its legs as rows, from its old JSON list when it had one (none was
written before this release) and otherwise one leg made of the slip's own fixture, market, selection and odds,
so every single-leg slip proposed before stays whole and confirmable.
"""

import django.db.models.deletion
from django.db import migrations, models

LEG_FIELDS = ("fixture_id", "fixture_label", "tournament_id", "sport_id", "start_time", "market", "selection", "line",
              "label", "bet_id", "odds")


def slips_to_legs(apps, schema_editor):
    slips = apps.get_model("betting", "BetSlip")
    legs = apps.get_model("betting", "BetSlipLeg")
    rows = []
    for slip in slips.objects.all().iterator():
        own = {name: getattr(slip, name) for name in LEG_FIELDS}
        old = [leg for leg in (slip.legs_json or []) if isinstance(leg, dict) and leg.get("fixture_id")]
        if not old:
            rows.append(legs(slip_id=slip.pk, position=0, **own))
            continue
        seen = set()
        for position, leg in enumerate(old):
            fixture_id = str(leg["fixture_id"])[:64]
            if fixture_id in seen:
                continue
            seen.add(fixture_id)
            rows.append(legs(slip_id=slip.pk, position=position, fixture_id=fixture_id,
                             fixture_label=str(leg.get("fixture_label") or "")[:200],
                             market=str(leg.get("market") or own["market"])[:40],
                             selection=str(leg.get("selection") or own["selection"])[:40],
                             line=str(leg.get("line") or "")[:20], label=str(leg.get("label") or "")[:200],
                             bet_id=str(leg.get("bet_id") or "")[:100], odds=leg.get("odds") or own["odds"]))
    legs.objects.bulk_create(rows, batch_size=500)


def legs_to_slips(apps, schema_editor):
    slips = apps.get_model("betting", "BetSlip")
    legs = apps.get_model("betting", "BetSlipLeg")
    for slip in slips.objects.all().iterator():
        rows = list(legs.objects.filter(slip_id=slip.pk).order_by("position"))
        if len(rows) > 1:
            slip.legs_json = [{"fixture_id": r.fixture_id, "market": r.market, "selection": r.selection,
                               "bet_id": r.bet_id, "odds": str(r.odds), "label": r.label} for r in rows]
            slip.save(update_fields=["legs_json"])


class Migration(migrations.Migration):

    dependencies = [
        ('betting', '0002_betslip'),
    ]

    operations = [
        migrations.RenameField(model_name='betslip', old_name='legs', new_name='legs_json'),
        migrations.CreateModel(
            name='BetSlipLeg',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('fixture_id', models.CharField(max_length=64)),
                ('fixture_label', models.CharField(blank=True, max_length=200)),
                ('tournament_id', models.CharField(blank=True, max_length=64)),
                ('sport_id', models.CharField(blank=True, max_length=16)),
                ('start_time', models.DateTimeField(blank=True, null=True)),
                ('market', models.CharField(max_length=40)),
                ('selection', models.CharField(max_length=40)),
                ('line', models.CharField(blank=True, max_length=20)),
                ('label', models.CharField(blank=True, max_length=200)),
                ('bet_id', models.CharField(max_length=100)),
                ('odds', models.DecimalField(decimal_places=3, max_digits=10)),
                ('slip', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='legs', to='betting.betslip')),
            ],
            options={
                'ordering': ['slip', 'position'],
                'constraints': [models.UniqueConstraint(fields=('slip', 'position'), name='betting_leg_position'), models.UniqueConstraint(fields=('slip', 'fixture_id'), name='betting_leg_one_per_fixture')],
            },
        ),
        migrations.RunPython(slips_to_legs, legs_to_slips),
        migrations.RemoveField(model_name='betslip', name='legs_json'),
    ]
