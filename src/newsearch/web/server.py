"""Running the app: uvicorn on one socket, 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import uvicorn

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names only loopback addresses (what no other machine can reach)."""
    name = host.strip("[]")
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(name, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(str(i[4][0]).split("%")[0]).is_loopback for i in infos)


def loopback_names(host: str) -> list[str]:
    """The Host header names a loopback server answers to (any other may be a DNS-rebinding page)."""
    name = host.lower()
    return sorted({*LOOPBACK_NAMES, f"[{name}]" if ":" in name and not name.startswith("[") else name})


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: any free one); OSError when it cannot be had."""
    name = host.strip("[]")
    family = socket.AF_INET6 if ":" in name else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((name, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run(
    app,
    sock: socket.socket,
    *,
    log_level: str = "warning",
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``app`` on the bound ``sock`` until interrupted (Ctrl-C). No access log; errors to stderr."""
    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=False,
        server_header=False,
        # Request heads are bounded (h11's own default is 16 KiB); a query is at most 10,000 characters.
        h11_max_incomplete_event_size=64 * 1024,
    )
    server = uvicorn.Server(config)
    if on_ready is not None:
        on_ready(url_of(sock))
    server.run(sockets=[sock])
