"""The gateways the portal knows, by key; ``register`` adds one."""

from .gateways.base import Gateway

_gateways: dict[str, Gateway] = {}


def register(cls: type[Gateway]) -> type[Gateway]:
    _gateways[cls.key] = cls()
    return cls


def gateway_get(key: str) -> Gateway:
    _load()
    return _gateways[key]


def gateway_keys() -> list[str]:
    """Every gateway's key, in the order they were registered."""
    _load()
    return list(_gateways)


def gateways_for(*, currency: str, online: bool = True) -> list[Gateway]:
    """The enabled gateways that take this currency (online ones, or the counter)."""
    _load()
    return [
        gateway
        for gateway in _gateways.values()
        if gateway.offered
        and gateway.online == online
        and gateway.is_enabled()
        and currency in gateway.currencies()
    ]


def _load() -> None:
    from .gateways import counter, demo, khqr, laoqr, stripe, waiver  # noqa: F401 - each registers itself
