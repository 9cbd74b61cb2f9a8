"""Schemathesis throws generated requests at every admin API operation: never a 500, always the documented shape."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.admin_app import AUTH
from tests.admin_server import serve_admin
from tests.conftest import load_pack_once


@pytest.fixture(scope="module")
def admin_url() -> Iterator[str]:
    with serve_admin(load_pack_once()) as (url, _):
        yield url


def test_no_generated_request_gets_a_server_error_or_an_undocumented_answer(admin_url: str) -> None:
    # Driven by hand rather than by schemathesis' pytest plugin, which does not run under pytest 9.
    schema = schemathesis.openapi.from_url(f"{admin_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 13
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=AUTH)

        call()


def test_every_operation_refuses_a_missing_or_wrong_token(admin_url: str) -> None:
    paths = httpx.get(f"{admin_url}/openapi.json").json()["paths"]
    assert paths
    for path, operations in paths.items():
        url = admin_url + re.sub(r"\{[^}]+\}", "1", path)
        for method in operations:
            assert httpx.request(method, url).status_code == 401, (method, path)
            wrong = {"Authorization": "Bearer " + "x" * 32}
            assert httpx.request(method, url, headers=wrong).status_code == 403, (method, path)
