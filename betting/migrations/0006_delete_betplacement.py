"""The slip becomes the one record of a bet (issue 16), step 3 of 3: with every placement's data on a slip (0005),
the slip's link to its placement and the placement table (`chat_betplacement`) go."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('betting', '0005_placements_to_slips'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='betslip',
            name='placement',
        ),
        migrations.DeleteModel(
            name='BetPlacement',
        ),
    ]
