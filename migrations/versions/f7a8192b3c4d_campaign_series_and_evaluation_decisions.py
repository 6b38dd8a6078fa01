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
    pass


def downgrade():
    pass
