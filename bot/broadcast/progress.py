"""What a broadcast's progress means for staff: failures by reason, ETA, who would be late.

Shared by `rahnama broadcast status` and the admin page; pure arithmetic on `job_status`.
"""

from __future__ import annotations

from typing import Any

FAILURES = ("blocked", "chat_not_found", "rejected", "network")


def estimates(status: dict[str, Any], rate: float, now: float) -> dict[str, Any]:
    """Failures by reason, the ETA at the observed rate (the configured one before any progress), projected late."""
    done = status["sent"] + sum(status[k] for k in FAILURES)
    elapsed = now - status["started"] if status["started"] else 0
    observed = done / elapsed if elapsed > 1 and done else rate
    eta = status["remaining"] / observed if status["state"] in ("pending", "running") else 0.0
    late = status["late"]
    if status["not_after"] and status["state"] == "running" and now + eta > status["not_after"]:
        late += status["remaining"] - int(max(0.0, status["not_after"] - now) * observed)
    return {"failed": {k: status[k] for k in FAILURES}, "eta_seconds": round(eta, 1), "projected_late": max(0, late)}
