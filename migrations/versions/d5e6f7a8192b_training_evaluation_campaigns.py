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
    pass


def downgrade():
    pass
