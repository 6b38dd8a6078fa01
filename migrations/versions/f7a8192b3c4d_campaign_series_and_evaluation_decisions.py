"""campaign series and evaluation decisions

Revision ID: f7a8192b3c4d
Revises: e6f7a8192b3c
Create Date: 2026-12-07 04:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7a8192b3c4d'
down_revision = 'e6f7a8192b3c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('campaign_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_series')),
    sa.UniqueConstraint('slug', name=op.f('uq_campaign_series_slug'))
    )
    op.create_table('campaign_series_wave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_series_wave_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['series_id'], ['campaign_series.id'], name=op.f('fk_campaign_series_wave_series_id_campaign_series'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_series_wave')),
    sa.UniqueConstraint('series_id', 'campaign_id', name=op.f('uq_campaign_series_wave_series_id_campaign_id'))
    )
    with op.batch_alter_table('campaign_series_wave', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_series_wave_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaign_series_wave_series_id'), ['series_id'], unique=False)

    op.create_table('evaluation_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('decision', sa.Enum('adjust', 'keep', 'retire', name='decision', native_enum=False, length=8), nullable=False),
    sa.Column('what_to_change', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=True),
    sa.CheckConstraint("decision <> 'adjust' OR (what_to_change IS NOT NULL AND what_to_change <> '')", name=op.f('ck_evaluation_decision_adjust_says_what')),
    sa.CheckConstraint("rule IN ('low_relevance', 'no_learning_gain', 'need_not_reduced')", name=op.f('ck_evaluation_decision_known_rule')),
    sa.ForeignKeyConstraint(['activity_id'], ['training_activity.id'], name=op.f('fk_evaluation_decision_activity_id_training_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by'], ['staff_user.id'], name=op.f('fk_evaluation_decision_decided_by_staff_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_decision'))
    )
    with op.batch_alter_table('evaluation_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_decision_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluation_decision_decided_by'), ['decided_by'], unique=False)

    op.create_table('evaluation_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('source_digest', sa.String(length=64), nullable=False),
    sa.Column('screened_text', sa.String(length=500), nullable=False),
    sa.Column('screened_by', sa.Integer(), nullable=True),
    sa.Column('screened_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_evaluation_comment_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['screened_by'], ['staff_user.id'], name=op.f('fk_evaluation_comment_screened_by_staff_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_comment')),
    sa.UniqueConstraint('campaign_id', 'source_digest', name=op.f('uq_evaluation_comment_campaign_id_source_digest'))
    )
    with op.batch_alter_table('evaluation_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_comment_screened_by'), ['screened_by'], unique=False)


def downgrade():
    with op.batch_alter_table('evaluation_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_comment_screened_by'))

    op.drop_table('evaluation_comment')
    with op.batch_alter_table('evaluation_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_decision_decided_by'))
        batch_op.drop_index(batch_op.f('ix_evaluation_decision_activity_id'))

    op.drop_table('evaluation_decision')
    with op.batch_alter_table('campaign_series_wave', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_series_wave_series_id'))
        batch_op.drop_index(batch_op.f('ix_campaign_series_wave_campaign_id'))

    op.drop_table('campaign_series_wave')
    op.drop_table('campaign_series')
