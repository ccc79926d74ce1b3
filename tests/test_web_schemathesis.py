"""Schemathesis against the running server's own OpenAPI schema (as CI runs it): generated requests to every
operation of `dragoman serve` on a demo workspace, as an admin; no reply may be a server error, and every
reply must match the schema."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from demo_copies import add_accounts, demo_copy

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = demo_copy(tmp_path_factory, "schemathesis")
    token = add_accounts(root, {"fuzzer": "admin"})["fuzzer"]
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dragoman", "-w", str(root), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start: " + proc.stderr.read1().decode(errors="replace"))
        yield base, token
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is not installed")
def test_no_server_errors_and_replies_match_the_schema(server, tmp_path):
    base, token = server
    result = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{base}/api/openapi.json", "--checks",
         "not_a_server_error,response_schema_conformance", "--max-examples", "6", "--seed", "7",
         "--request-timeout", "120",            # a busy CI machine: slow is not wrong, a 5xx or bad shape is
         # Geometry and exports compute for seconds per generated request; their own tests cover bad input.
         "--exclude-path-regex", "^/api/(geo|export)/",
         "--header", f"Authorization: Bearer {token}", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path)   # its cache stays out of the repo
    summary = result.stdout[-3000:]
    print(summary)
    assert result.returncode == 0, summary
