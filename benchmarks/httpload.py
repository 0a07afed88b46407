"""A bounded HTTP load generator for loopback servers: N clients, keep-alive, for S seconds, then stop.

Used by ``web_stacks.py`` (choosing the web stack) and ``web_load.py`` (the load test of ``newsearch
serve``). It refuses every host outside the loopback range: load is only ever sent to this machine.

Each client is a thread with its own keep-alive ``http.client`` connection, cycling through the URLs
(client k starts at URL k, so clients ask different things at the same time). A request counts as an
error when it fails at the socket level or its status is not 200.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import statistics
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_SECONDS = 120.0  # hard bounds, whatever the caller asks for
MAX_REQUESTS = 1_000_000


@dataclass
class LoadResult:
    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)  # seconds, successful and failed alike
    first_error: str | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Latency percentile in milliseconds (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    def summary(self) -> dict:
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "mean_ms": round(statistics.fmean(self.latencies) * 1000, 1) if self.latencies else None,
            "first_error": self.first_error,
        }


def check_loopback(host: str) -> None:
    """ValueError unless ``host`` is (or resolves only to) a loopback address."""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    outside = [a for a in addresses if not ipaddress.ip_address(a.split("%")[0]).is_loopback]
    if not addresses or outside:
        raise ValueError(f"refusing to load {host!r}: not a loopback address ({', '.join(sorted(outside))})")


def run(
    host: str,
    port: int,
    paths: Sequence[str],
    *,
    clients: int,
    seconds: float,
    max_requests: int = MAX_REQUESTS,
    timeout: float = 30.0,
) -> LoadResult:
    """Send GET ``paths`` round-robin from ``clients`` threads for ``seconds`` (bounded) and measure."""
    check_loopback(host)
    if not paths:
        raise ValueError("no paths to request")
    seconds = min(seconds, MAX_SECONDS)
    max_requests = min(max_requests, MAX_REQUESTS)
    result = LoadResult(clients, seconds)
    lock = threading.Lock()
    sent = [0]
    start_gate = threading.Event()
    deadline = [0.0]

    def client(k: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        i = k
        local_lat: list[float] = []
        local_status: Counter = Counter()
        errors = 0
        first_error = None
        start_gate.wait()
        while time.perf_counter() < deadline[0]:
            with lock:
                if sent[0] >= max_requests:
                    break
                sent[0] += 1
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                local_status[resp.status] += 1
                if resp.status != 200:
                    errors += 1
                    first_error = first_error or f"HTTP {resp.status} for {path}"
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=timeout)
            except (OSError, http.client.HTTPException) as exc:
                errors += 1
                local_status["exception"] += 1
                first_error = first_error or f"{type(exc).__name__}: {exc} for {path}"
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
            local_lat.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            result.latencies.extend(local_lat)
            result.statuses.update(local_status)
            result.errors += errors
            result.requests += len(local_lat)
            result.first_error = result.first_error or first_error

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start_gate.set()
    for t in threads:
        t.join(seconds + timeout + 5)
    result.seconds = time.perf_counter() - began
    return result


def wait_until_up(host: str, port: int, path: str = "/", timeout: float = 30.0) -> None:
    """Poll until the server answers ``path`` (any status); TimeoutError after ``timeout`` seconds."""
    check_loopback(host)
    end = time.monotonic() + timeout
    while True:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            if time.monotonic() > end:
                raise TimeoutError(f"no server on {host}:{port} after {timeout} s") from None
            time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
