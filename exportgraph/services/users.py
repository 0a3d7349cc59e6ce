"""Editors, reviewers and admins: bearer tokens stored only as SHA-256 hashes in a JSON file."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypedDict, cast

from exportgraph.errors import Conflict, Forbidden, InvalidInput, Unauthorized

Role = Literal["editor", "reviewer", "admin"]
ROLES: tuple[Role, ...] = ("editor", "reviewer", "admin")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
TOKEN_PREFIX = "egt_"
_lock = threading.Lock()


class Account(TypedDict, total=False):
    """One entry of the accounts file (as `add_user` writes it; the file is read as it stands)."""

    name: str
    role: str
    token_sha256: str
    created: str


@dataclass(frozen=True)
class User:
    """A named account with one role; an admin also holds the editor's and reviewer's rights."""

    name: str
    role: Role

    def may(self, right: Role) -> bool:
        """True when the account holds `right` (admin holds every right)."""
        return self.role == right or self.role == "admin"


def hash_token(token: str) -> str:
    """The stored form of a token: hex SHA-256 (tokens are 256-bit random, so no salt is needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _read(path: Path) -> list[Account]:
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8") or "{}")
    users = data.get("users", [])
    if not isinstance(users, list):
        raise ValueError(f"{path}: 'users' must be a list")
    return [cast(Account, user) for user in users if isinstance(user, dict)]


def _write(path: Path, users: list[Account]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".users-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"users": users}, stream, indent=2)
            stream.write("\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def add_user(path: Path, name: str, role: str) -> str:
    """Create an account and return its bearer token (shown once; only its hash is kept)."""
    if not NAME_PATTERN.match(name):
        raise InvalidInput(
            f"user name {name!r} must be 1-64 letters, digits, '.', '_' or '-'", field="name"
        )
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}, got {role!r}", field="role")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with _lock:
        users = _read(path)
        if any(user.get("name") == name for user in users):
            raise Conflict(f"a user named {name!r} already exists", field="name")
        users.append(
            {
                "name": name,
                "role": role,
                "token_sha256": hash_token(token),
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
        )
        _write(path, users)
    return token


_ACCOUNTS: dict[Path, tuple[tuple[int, int, int], list[Account]]] = {}


def _accounts(path: Path) -> list[Account]:
    """The accounts file's entries, read again only when the file changes (its inode, size or
    modification time moves: `_write` replaces the file), so checking a token costs one stat."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return []
    signature = (info.st_ino, info.st_size, info.st_mtime_ns)
    cached = _ACCOUNTS.get(path)
    if cached is not None and cached[0] == signature:
        return cached[1]
    users = _read(path)
    _ACCOUNTS[path] = (signature, users)
    return users


def list_users(path: Path) -> list[User]:
    """Every account (names and roles; never tokens)."""
    return [user for user in map(_user, _read(path)) if user is not None]


def authenticate(path: Path, token: str | None) -> User:
    """The account holding `token`; Unauthorized when there is none (constant-time comparison).
    Microseconds once the file is read (a stat, a hash): callable on an event loop."""
    if not token:
        raise Unauthorized("a bearer token is required (Authorization: Bearer <token>)")
    presented = hash_token(token)
    found: User | None = None
    for user in _accounts(path):
        stored = str(user.get("token_sha256", ""))
        # compare every entry, so the time taken does not reveal which one matched
        if hmac.compare_digest(stored.encode(), presented.encode()):
            found = _user(user) or found
    if found is None:
        raise Unauthorized("the bearer token is not valid")
    return found


def _user(account: Account) -> User | None:
    """The account as a User; None when its role is not one of ROLES."""
    role = account.get("role")
    for known in ROLES:
        if role == known:
            return User(str(account["name"]), known)
    return None


def require(user: User, right: Role) -> User:
    """Forbidden unless the account holds `right`."""
    if not user.may(right):
        raise Forbidden(f"this needs the {right} role; user {user.name!r} is {user.role}")
    return user
