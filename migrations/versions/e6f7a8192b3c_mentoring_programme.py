"""mentoring programme

Revision ID: e6f7a8192b3c
Revises: d5e6f7a8192b
Create Date: 2026-12-07 04:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e6f7a8192b3c'
down_revision = 'd5e6f7a8192b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('mentoring_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('enrol_opens_on', sa.Date(), nullable=False),
    sa.Column('enrol_closes_on', sa.Date(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('jp_per_session', sa.Integer(), nullable=False),
    sa.Column('max_sessions_per_month', sa.Integer(), nullable=False),
    sa.Column('mentees_per_mentor', sa.Integer(), nullable=False),
    sa.Column('opd_preference', sa.Enum('same', 'different', 'any', name='opdpreference', native_enum=False, length=12), nullable=False),
    sa.Column('weights', sa.JSON(), nullable=False),
    sa.Column('silent_after_weeks', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_mentoring_round_round_period_ordered')),
    sa.CheckConstraint('enrol_closes_on >= enrol_opens_on', name=op.f('ck_mentoring_round_enrolment_period_ordered')),
    sa.CheckConstraint('jp_per_session > 0', name=op.f('ck_mentoring_round_jp_per_session_positive')),
    sa.CheckConstraint('max_sessions_per_month > 0', name=op.f('ck_mentoring_round_monthly_cap_positive')),
    sa.CheckConstraint('mentees_per_mentor > 0', name=op.f('ck_mentoring_round_capacity_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentoring_round')),
    sa.UniqueConstraint('slug', name=op.f('uq_mentoring_round_slug'))
    )
    op.create_table('mentoring_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('mentor', 'mentee', name='participantrole', native_enum=False, length=8), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('contact', sa.String(length=254), nullable=False),
    sa.Column('opd', sa.String(length=120), nullable=False),
    sa.Column('position_type', sa.String(length=16), nullable=False),
    sa.Column('grade_band', sa.String(length=8), nullable=False),
    sa.Column('service_band', sa.String(length=8), nullable=False),
    sa.Column('competency_codes', sa.JSON(), nullable=False),
    sa.Column('availability', sa.JSON(), nullable=False),
    sa.Column('supervisor_name', sa.String(length=120), nullable=False),
    sa.Column('consented_at', sa.DateTime(), nullable=False),
    sa.Column('notice_version', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('token_expires_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['mentoring_round.id'], name=op.f('fk_mentoring_participant_round_id_mentoring_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentoring_participant')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_mentoring_participant_token_hash'))
    )
    with op.batch_alter_table('mentoring_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentoring_participant_round_id'), ['round_id'], unique=False)

    op.create_table('mentoring_pair',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=True),
    sa.Column('mentee_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('suggested', 'accepted', 'dissolved', name='pairstatus', native_enum=False, length=12), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('parts', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['mentee_id'], ['mentoring_participant.id'], name=op.f('fk_mentoring_pair_mentee_id_mentoring_participant'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mentor_id'], ['mentoring_participant.id'], name=op.f('fk_mentoring_pair_mentor_id_mentoring_participant'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['mentoring_round.id'], name=op.f('fk_mentoring_pair_round_id_mentoring_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentoring_pair'))
    )
    with op.batch_alter_table('mentoring_pair', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentoring_pair_mentee_id'), ['mentee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentoring_pair_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentoring_pair_round_id'), ['round_id'], unique=False)

    op.create_table('mentoring_pair_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('pin', 'forbid', name='rulekind', native_enum=False, length=8), nullable=False),
    sa.ForeignKeyConstraint(['mentee_id'], ['mentoring_participant.id'], name=op.f('fk_mentoring_pair_rule_mentee_id_mentoring_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentor_id'], ['mentoring_participant.id'], name=op.f('fk_mentoring_pair_rule_mentor_id_mentoring_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['mentoring_round.id'], name=op.f('fk_mentoring_pair_rule_round_id_mentoring_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentoring_pair_rule')),
    sa.UniqueConstraint('mentor_id', 'mentee_id', name=op.f('uq_mentoring_pair_rule_mentor_id_mentee_id'))
    )
    with op.batch_alter_table('mentoring_pair_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentoring_pair_rule_round_id'), ['round_id'], unique=False)

    op.create_table('mentoring_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pair_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('logged_by', sa.Enum('mentor', 'mentee', name='participantrole', native_enum=False, length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('minutes > 0', name=op.f('ck_mentoring_session_minutes_positive')),
    sa.ForeignKeyConstraint(['pair_id'], ['mentoring_pair.id'], name=op.f('fk_mentoring_session_pair_id_mentoring_pair'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentoring_session'))
    )
    with op.batch_alter_table('mentoring_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentoring_session_pair_id'), ['pair_id'], unique=False)


def downgrade():
    with op.batch_alter_table('mentoring_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentoring_session_pair_id'))

    op.drop_table('mentoring_session')
    with op.batch_alter_table('mentoring_pair_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentoring_pair_rule_round_id'))

    op.drop_table('mentoring_pair_rule')
    with op.batch_alter_table('mentoring_pair', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentoring_pair_round_id'))
        batch_op.drop_index(batch_op.f('ix_mentoring_pair_mentor_id'))
        batch_op.drop_index(batch_op.f('ix_mentoring_pair_mentee_id'))

    op.drop_table('mentoring_pair')
    with op.batch_alter_table('mentoring_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentoring_participant_round_id'))

    op.drop_table('mentoring_participant')
    op.drop_table('mentoring_round')
