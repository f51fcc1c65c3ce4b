"""The slip becomes the one record of a bet (issue 16), step 1 of 3: the columns the slip needs to hold what only
the placement row held.

`placed_odds`: the odds the bet was sent at (the shown odds or better; the placement's `odds`). The index on
`(user, confirmed_at)` serves the daily limit, which now sums slips confirmed since the user's midnight (it summed
placements created since then, on the placement's `(user, created_at)` index). Schema only: the rows move in 0005,
in a transaction of their own (PostgreSQL refuses to alter a table with row changes pending in the same one).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('betting', '0003_slip_legs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='betslip',
            name='placed_odds',
            field=models.DecimalField(blank=True, decimal_places=3, max_digits=10, null=True),
        ),
        migrations.AddIndex(
            model_name='betslip',
            index=models.Index(fields=['user', 'confirmed_at'], name='betting_slip_user_confirmed'),
        ),
    ]
