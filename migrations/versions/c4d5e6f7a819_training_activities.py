"""training activities

Revision ID: c4d5e6f7a819
Revises: b3c4d5e6f708
Create Date: 2026-12-07 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4d5e6f7a819'
down_revision = 'b3c4d5e6f708'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('training_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=False),
    sa.Column('form', sa.Enum('kepemimpinan', 'manajerial', 'teknis', 'fungsional', 'sosial_kultural', 'seminar', 'lokakarya', 'kursus', 'bimtek', 'sosialisasi', 'coaching', 'mentoring', 'e_learning', 'jarak_jauh', 'detasering', 'patok_banding', 'pertukaran', 'belajar_mandiri', 'komunitas_belajar', 'bimbingan_kerja', 'magang', name='developmentform', native_enum=False, length=24), nullable=False),
    sa.Column('competency_codes', sa.JSON(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('jp', sa.Integer(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_training_activity_campaign_id_campaign')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_activity'))
    )
    with op.batch_alter_table('training_activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_activity_campaign_id'), ['campaign_id'], unique=False)


def downgrade():
    with op.batch_alter_table('training_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_activity_campaign_id'))

    op.drop_table('training_activity')
