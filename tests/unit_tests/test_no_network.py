"""drafter makes no network access: ``drafter check`` works with sockets forbidden.

The check runs in a fresh interpreter whose ``socket.socket``, ``socket.create_connection``
and ``socket.getaddrinfo`` raise, so any attempt — by drafter or by a library it imports
(charset-normalizer, PyYAML, rich) — would end in a traceback and exit status 1.
"""

from __future__ import annotations

import json
import subprocess
import sys

from drafter.files.resources import samples_dir

_GUARD = r"""
import socket, sys

def _forbidden(*args, **kwargs):
    raise RuntimeError("drafter tried to use the network")

class _NoSocket(socket.socket):
    # A class, not a function: ssl and asyncio subclass socket.socket at import time.
    def __init__(self, *args, **kwargs):
        _forbidden()

socket.socket = _NoSocket
socket.create_connection = _forbidden
socket.getaddrinfo = _forbidden
socket.socketpair = _forbidden

from drafter.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _guarded(*argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _GUARD, *argv], input=stdin, capture_output=True, timeout=120)


def test_guard_really_forbids_sockets():
    done = subprocess.run([sys.executable, "-c", _GUARD.replace("from drafter.cli import main",
                                                               "import urllib.request; urllib.request.urlopen('http://example.com')")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "drafter tried to use the network" in done.stderr


def test_check_runs_without_network(tmp_path):
    seed = samples_dir() / "propaganda-dept-2020-h1-report.txt"
    gbk = tmp_path / "报告.txt"   # a GB18030 file also exercises charset-normalizer
    gbk.write_bytes(seed.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    done = _guarded("check", "--format", "json", str(seed), str(gbk))
    assert done.returncode in (0, 1), done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["summary"]["files"] == 2 and data["errors"] == []
    text = _guarded("check", str(seed))
    assert text.returncode in (0, 1) and "drafter tried" not in text.stderr.decode()
    outline = _guarded("outline", str(seed))
    assert outline.returncode == 0 and "理论武装" in outline.stdout.decode()
