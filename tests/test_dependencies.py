"""pip-audit of the installed dependencies: a known vulnerability fails the suite.

``pip-audit`` checks every installed distribution (the app itself, installed editable,
excepted) against an advisory database: PyPI's (the ``vulnerabilities`` of each
release's JSON) and, if that cannot be reached, OSV. When neither answers for a single
package (no network, or a mirror without the per-release JSON API), the test is skipped
with the reason, shown in the run's summary: a network failure never fails CI, a found
vulnerability always does. ``make audit`` runs this module alone.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import pytest

#: The advisory databases, in the order tried.
SERVICES = ("pypi", "osv")
#: Seconds for each request to the advisory database, and for the whole audit.
REQUEST_TIMEOUT, AUDIT_TIMEOUT = 20, 300


@dataclass(frozen=True)
class Verdict:
    """What one audit found: the packages it could check, and the vulnerable ones."""

    audited: int
    vulnerable: list[str]
    unreachable: str = ""


def verdict(report: dict[str, Any]) -> Verdict:
    """Read pip-audit's JSON report; ``unreachable`` when it could check no package."""
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        if not dependencies:
            return Verdict(0, [], "no package in the report")
        first = dependencies[0]["skip_reason"]
        return Verdict(0, [], f"none of {len(dependencies)} packages was checked, e.g. {first}")
    return Verdict(len(audited), [_finding(d) for d in audited if d.get("vulns")])


def _finding(dependency: dict[str, Any]) -> str:
    advisories = ", ".join(
        f"{v['id']} (fixed in {', '.join(v.get('fix_versions') or ['no release yet'])})"
        for v in dependency["vulns"]
    )
    return f"{dependency['name']} {dependency['version']}: {advisories}"


def run_audit(service: str) -> Verdict:
    """pip-audit of this interpreter's environment against ``service``."""
    command = [
        *(sys.executable, "-m", "pip_audit", "--vulnerability-service", service),
        *("--format", "json", "--progress-spinner", "off", "--skip-editable"),
        *("--timeout", str(REQUEST_TIMEOUT)),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=AUDIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Verdict(0, [], f"no answer within {AUDIT_TIMEOUT} s")
    try:
        return verdict(json.loads(done.stdout))
    except json.JSONDecodeError:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        return Verdict(0, [], lines[-1][:300])


@pytest.mark.slow
def test_no_installed_dependency_has_a_known_vulnerability() -> None:
    assert importlib.util.find_spec("pip_audit"), "pip-audit is a dev dependency: make install"
    unreachable = []
    for service in SERVICES:
        found = run_audit(service)
        if found.audited:
            assert not found.vulnerable, "raise the lower bound in pyproject.toml:\n" + "\n".join(
                found.vulnerable
            )
            return
        unreachable.append(f"{service}: {found.unreachable}")
    pytest.skip("no advisory database could be reached; " + "; ".join(unreachable))


# --- reading the report (no network) ----------------------------------------------------

SKIPPED = {"name": "flask", "skip_reason": "Dependency not found on PyPI: flask (3.1.0)"}
CLEAN = {"name": "requests", "version": "2.32.5", "vulns": []}
VULNERABLE = {
    "name": "flask",
    "version": "3.1.0",
    "vulns": [{"id": "GHSA-4grg-w6v8-c28g", "fix_versions": ["3.1.1"], "aliases": []}],
}


@pytest.mark.parametrize(
    ("dependencies", "expected"),
    [
        (
            [SKIPPED],
            Verdict(0, [], f"none of 1 packages was checked, e.g. {SKIPPED['skip_reason']}"),
        ),
        ([], Verdict(0, [], "no package in the report")),
        ([SKIPPED, CLEAN], Verdict(1, [])),
        ([CLEAN, VULNERABLE], Verdict(2, ["flask 3.1.0: GHSA-4grg-w6v8-c28g (fixed in 3.1.1)"])),
    ],
)
def test_a_report_is_read_as_unreachable_clean_or_vulnerable(
    dependencies: list[dict[str, Any]], expected: Verdict
) -> None:
    assert verdict({"dependencies": dependencies, "fixes": []}) == expected
