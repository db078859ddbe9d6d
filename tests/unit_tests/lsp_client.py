"""A small LSP client for the tests: spawns ``drafter lsp`` and speaks JSON-RPC over its pipes.

Messages are framed with ``Content-Length`` headers as the protocol says; a reader thread puts
every message from the server on a queue, so a test waits with a timeout and never hangs.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from typing import Any, Callable


class LspClient:
    """One server process and the conversation with it."""

    def __init__(self, cwd: str | None = None, args: tuple[str, ...] = ()) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "drafter", "lsp", *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.messages: "queue.Queue[dict[str, Any]]" = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(stream.read(length).decode("utf-8")))

    def send(self, message: dict[str, Any]) -> None:
        """Write one framed message."""
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        """Send a notification."""
        self.send({"method": method, "params": params})

    def wait_for(self, accept: Callable[[dict[str, Any]], bool], timeout: float = 30) -> dict[str, Any]:
        """The first message (already seen or still to come) that ``accept`` takes."""
        for message in self.seen:
            if accept(message):
                self.seen.remove(message)
                return message
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching message from the server; stderr: "
                                   + (self.process.stderr.read1(4000).decode("utf-8", "replace")
                                      if self.process.poll() is not None else "(still running)"))
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if accept(message):
                return message
            self.seen.append(message)

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        """Send a request and return its result (a server error fails the test)."""
        self._next_id += 1
        ident = self._next_id
        self.send({"id": ident, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == ident and "method" not in m, timeout)
        assert "error" not in reply, reply["error"]
        return reply.get("result")

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 30) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (for ``version``, if given)."""
        message = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri
                                and (version is None or m["params"].get("version") == version), timeout)
        return message["params"]["diagnostics"]

    def close(self) -> int:
        """shutdown, exit; the server's exit status."""
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            return self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
