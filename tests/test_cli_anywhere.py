"""The command line works from any directory, not only from the checkout's root."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_flask_commands_run_outside_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "FLASK_APP"}}
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "survey_app", "campaign", "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "create" in result.stdout and "Traceback" not in result.stderr
