"""Where ingest may connect: public addresses only, within a deadline.

Every connection a fetch opens (the page, each redirect, robots.txt, a feed's items) goes
through `GuardedBackend.connect_tcp`, which resolves the host itself, refuses loopback,
private, link-local, multicast, reserved and unspecified addresses in any notation
(`127.1`, `2130706433`, `0x7f.0.0.1`, `::ffff:127.0.0.1` all resolve to 127.0.0.1 first) and
connects to the address it checked, so a DNS answer that changes between the check and the
connection (rebinding) changes nothing. Addresses named by `--allow-private` (networks such as
10.0.0.0/8, single addresses, or host names) are let through.

Every read and write on such a connection waits at most until the backend's `deadline`, so a
server that sends one byte a second cannot hold a page (or a feed) longer than its deadline.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import typing
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore
import httpx

from pressgraph.errors import InputError
from pressgraph.ingest.addresses import strip_credentials as strip_credentials

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BlockedAddressError(InputError):
    """A connection to an address that is not public (and not allowed by --allow-private)."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(
            "private_address",
            f"{host} resolves to {address}, a {kind} address; pressgraph fetches only public "
            f"addresses. If this server is yours and meant to be read, pass --allow-private "
            f"{address} (or set PRESSGRAPH_ALLOW_PRIVATE)",
        )
        self.host = host
        self.address = address


@dataclass(frozen=True)
class AllowList:
    """Private addresses the user named: networks, single addresses and host names."""

    networks: tuple[Network, ...] = ()
    hosts: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        """From `--allow-private` values: `10.0.0.0/8`, `127.0.0.1`, `intranet.local` or `all`;
        each value may hold several, separated by commas."""
        networks: list[Network] = []
        hosts: set[str] = set()
        everything = False
        for entry in (e.strip() for raw in entries for e in raw.split(",")):
            if not entry:
                continue
            if entry.lower() in ("all", "*"):
                everything = True
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                hosts.add(entry.lower().rstrip("."))
        return cls(tuple(networks), frozenset(hosts), everything)

    def allows(self, host: str, address: IPAddress) -> bool:
        """True when the user named this host, this address or a network holding it."""
        if self.everything or host.lower().rstrip(".") in self.hosts:
            return True
        return any(address in network for network in self.networks)


def effective(address: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 one embeds (mapped, 6to4, Teredo), else the address itself:
    where a connection to it really goes."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is not None:
            return embedded
    return address


def address_kind(address: IPAddress) -> str | None:
    """What makes an address non-public ("loopback", "private", ...), or None if it is public.
    An IPv6 address that embeds an IPv4 one is judged by that one."""
    address = effective(address)
    for kind in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if not address.is_global:
        return "non-public"
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host name (or numeric address, in any notation) resolves to."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by its backend's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, backend: GuardedBackend) -> None:
        self._stream = stream
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Read, waiting no longer than the deadline allows."""
        return self._stream.read(max_bytes, self._backend.wait(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Write, waiting no longer than the deadline allows."""
        self._stream.write(buffer, self._backend.wait(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        """Close the connection."""
        self._stream.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        """Upgrade to TLS (the host name of the URL is checked, not the address)."""
        wait = self._backend.wait(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, wait), self._backend
        )

    def get_extra_info(self, info: str) -> typing.Any:
        """As the wrapped stream answers."""
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Connects only to public (or allowed) addresses, and bounds every wait by `deadline`."""

    def __init__(self, allow: AllowList) -> None:
        self.allow = allow
        self.deadline: float | None = None  # time.monotonic() by which the fetch must end
        self._inner = httpcore.SyncBackend()

    def wait(self, timeout: float | None, error: type[Exception]) -> float | None:
        """The longest an operation may wait: its own timeout, cut to what the deadline leaves."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error("the deadline for this page passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve, check every address, then connect to the first one checked."""
        addresses = resolve(host, port)
        for address in addresses:
            kind = address_kind(address)
            if kind is not None and not self.allow.allows(host, effective(address)):
                raise BlockedAddressError(host, str(effective(address)), kind)
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no address")
        wait = self.wait(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(
            str(addresses[0]), port, wait, local_address, socket_options
        )
        return DeadlineStream(stream, self)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Never: a fetch reaches servers by address only."""
        raise httpcore.ConnectError("pressgraph does not fetch over Unix sockets")

    def sleep(self, seconds: float) -> None:
        """As httpcore's own backend."""
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over `GuardedBackend`. Proxies from the environment are not used:
    the guard must see the address it connects to."""

    def __init__(self, backend: GuardedBackend, *, max_connections: int = 10) -> None:
        super().__init__(trust_env=False)
        # The one way httpx offers to choose the network backend: its own pool over ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            network_backend=backend,
        )
