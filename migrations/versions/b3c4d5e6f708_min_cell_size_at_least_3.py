"""min_cell_size at least 3: suppressing groups of one or two protects nobody

Revision ID: b3c4d5e6f708
Revises: 55aafaad51f0
Create Date: 2026-12-07 00:40:00.000000

Campaigns created with 1 or 2 are raised to 3: every table, chart and export of theirs
then hides more, never less.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3c4d5e6f708'
down_revision = '55aafaad51f0'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(sa.text("UPDATE campaign SET min_cell_size = 3 WHERE min_cell_size < 3"))
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_campaign_min_cell_size_positive'), type_='check')
        batch_op.create_check_constraint('min_cell_size_at_least_3', 'min_cell_size >= 3')


def downgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_campaign_min_cell_size_at_least_3'), type_='check')
        batch_op.create_check_constraint('min_cell_size_positive', 'min_cell_size >= 1')
