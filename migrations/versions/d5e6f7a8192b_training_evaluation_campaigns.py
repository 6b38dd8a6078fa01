"""training evaluation campaigns

Revision ID: d5e6f7a8192b
Revises: c4d5e6f7a819
Create Date: 2026-12-07 04:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd5e6f7a8192b'
down_revision = 'c4d5e6f7a819'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(sa.Column('targeted_codes', sa.JSON(), nullable=True))

    op.create_table('training_evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['training_activity.id'], name=op.f('fk_training_evaluation_activity_id_training_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_training_evaluation_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_evaluation')),
    sa.UniqueConstraint('campaign_id', name=op.f('uq_training_evaluation_campaign_id'))
    )
    with op.batch_alter_table('training_evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_evaluation_activity_id'), ['activity_id'], unique=False)


def downgrade():
    with op.batch_alter_table('training_evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_evaluation_activity_id'))

    op.drop_table('training_evaluation')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('targeted_codes')
