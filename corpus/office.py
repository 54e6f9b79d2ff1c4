"""Office mode: accounts with roles, their sessions, the login lockout and the audit log, kept
in the archive so every server over one archive (and the CLI) sees the same ones.

Office mode is on as soon as the archive has an account; `vanthu serve` then asks every request
for a session. Passwords are stored as argon2id hashes (argon2-cffi); session tokens only as
their sha256, so a copy of the database gives no one a session. The audit log is appended to
only: the database refuses to update or delete its lines (triggers made with the schema,
corpus/archive.py), whoever asks.

    from corpus import open_archive, office
    with open_archive() as archive:
        office.add_user(archive, "lan", "chuyen-vien", "mật khẩu dài", unit="Phòng Tổng hợp")
        session = office.login(archive, "lan", "mật khẩu dài", client="127.0.0.1")
        office.audit(archive, "lan", "GET", "/documents/3", "allowed")
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from corpus.archive import Archive, ArchiveError
from pipeline.errors import VanthuError
from pipeline.text import collapse

ROLES = {"van-thu": "Văn thư", "lanh-dao": "Lãnh đạo", "chuyen-vien": "Chuyên viên"}
# What each role may do besides reading the documents it may see:
#   receive, review, register: the incoming desk; secret: see documents marked mật;
#   assign: give a task to a unit or a person; all-units: every unit's tasks, not only its own;
#   tasks: mark its tasks done or reopen them.
RIGHTS = {
    "van-thu": {"receive", "review", "register", "secret", "all-units", "tasks"},
    "lanh-dao": {"secret", "assign", "all-units", "tasks"},
    "chuyen-vien": {"tasks"},
}
MIN_PASSWORD = 8
SESSION_HOURS = 12
# The lockout: this many failed logins for one name (or 4 times as many from one client, which
# catches guessing across names) within the window lock it for the rest of the window.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()
# Checked against when the name is unknown, so a wrong name costs as long as a wrong password
# and the timing does not tell which names exist.
_UNKNOWN = _hasher.hash(secrets.token_urlsafe(16))


class Forbidden(VanthuError):
    """The signed-in user's role or unit does not allow what was asked."""


class LoginFailed(VanthuError):
    """Wrong name or password, a disabled account, or no session."""


class LockedOut(VanthuError):
    """Too many failed logins: the name or the client is locked for a while."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    unit: str | None
    disabled: bool = False

    def can(self, right: str) -> bool:
        return right in RIGHTS[self.role]

    def to_dict(self) -> dict:
        return {"user": self.name, "role": self.role, "role_label": ROLES[self.role],
                "unit": self.unit, "disabled": self.disabled}


@dataclass(frozen=True)
class Session:
    token: str
    csrf: str
    user: User


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- accounts ---------------------------------------------------------------------------
def office_mode(archive: Archive) -> bool:
    return bool(archive._rows("SELECT 1 FROM users LIMIT 1"))


def add_user(archive: Archive, name: str, role: str, password: str,
             unit: str | None = None) -> User:
    name = collapse(name or "")
    if not name or any(c.isspace() for c in name):
        raise ArchiveError(f"'{name}': an account name is one word without spaces")
    if role not in ROLES:
        raise ArchiveError(f"role '{role}' is not one of {', '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD:
        raise ArchiveError(f"{name}: the password needs at least {MIN_PASSWORD} characters")
    unit = collapse(unit or "") or None
    with archive.transaction():
        if archive._rows("SELECT 1 FROM users WHERE name = ?", (name,)):
            raise ArchiveError(f"there is an account named {name} already")
        archive._execute("INSERT INTO users (name, role, unit, password, disabled, created) "
                         "VALUES (?, ?, ?, ?, 0, ?)",
                         (name, role, unit, _hasher.hash(password), _stamp(_now())))
        audit(archive, None, "users add", name, "done", f"{role}, {unit or 'no unit'}")
    return User(name, role, unit)


def users(archive: Archive) -> list[User]:
    return [User(n, r, u, bool(d)) for n, r, u, d in archive._rows(
        "SELECT name, role, unit, disabled FROM users ORDER BY name")]


def user(archive: Archive, name: str) -> User | None:
    rows = archive._rows("SELECT name, role, unit, disabled FROM users WHERE name = ?", (name,))
    return User(rows[0][0], rows[0][1], rows[0][2], bool(rows[0][3])) if rows else None


def disable(archive: Archive, name: str) -> None:
    """The account can no longer sign in, and its sessions end now; it stays in the audit."""
    with archive.transaction():
        if user(archive, name) is None:
            raise ArchiveError(f"there is no account named {name}")
        archive._execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,))
        archive._execute("DELETE FROM sessions WHERE name = ?", (name,))
        audit(archive, None, "users disable", name, "done")


# --- sessions ---------------------------------------------------------------------------
def _recent_failures(archive: Archive, column: str, value: str) -> int:
    since = _stamp(_now() - FAILURE_WINDOW)
    return archive._rows(f"SELECT count(*) FROM login_failures WHERE {column} = ? AND at > ?",
                         (value, since))[0][0]


def login(archive: Archive, name: str, password: str, client: str = "") -> Session:
    """A new session for a right name and password (see `authenticate`)."""
    found = authenticate(archive, name, password, client)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with archive.transaction():
        archive._execute("DELETE FROM sessions WHERE expires < ?", (_stamp(_now()),))
        archive._execute("INSERT INTO sessions (token, name, csrf, expires) VALUES (?, ?, ?, ?)",
                         (_token_key(token), found.name, csrf,
                          _stamp(_now() + timedelta(hours=SESSION_HOURS))))
        audit(archive, found.name, "login", found.name, "done", f"from {client}")
    return Session(token, csrf, found)


def authenticate(archive: Archive, name: str, password: str, client: str = "") -> User:
    """The user a right name and password belong to (a login, or a calendar program's HTTP
    Basic); LockedOut after MAX_FAILURES failures within FAILURE_WINDOW, even with the right
    password, so guessing cannot go on."""
    name = collapse(str(name or ""))
    if (_recent_failures(archive, "name", name) >= MAX_FAILURES
            or _recent_failures(archive, "client", client) >= 4 * MAX_FAILURES):
        audit(archive, name, "login", name, "refused", f"locked out, from {client}")
        raise LockedOut(f"too many failed logins: try again in "
                        f"{int(FAILURE_WINDOW.total_seconds() // 60)} minutes")
    rows = archive._rows("SELECT password, disabled FROM users WHERE name = ?", (name,))
    stored, disabled = rows[0] if rows else (_UNKNOWN, True)
    try:
        _hasher.verify(stored, str(password or ""))
        ok = not disabled
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        with archive.transaction():
            archive._execute("INSERT INTO login_failures (name, client, at) VALUES (?, ?, ?)",
                             (name, client, _stamp(_now())))
            audit(archive, name, "login", name, "refused", f"wrong name or password, from {client}")
        raise LoginFailed("wrong name or password")
    with archive.transaction():
        if _hasher.check_needs_rehash(stored):
            archive._execute("UPDATE users SET password = ? WHERE name = ?",
                             (_hasher.hash(password), name))
        archive._execute("DELETE FROM login_failures WHERE name = ?", (name,))
    return user(archive, name)


def session(archive: Archive, token: str | None) -> Session | None:
    """The live session a cookie's token names, or None (unknown, expired, account disabled)."""
    if not token:
        return None
    rows = archive._rows(
        "SELECT s.csrf, u.name, u.role, u.unit FROM sessions s JOIN users u ON u.name = s.name "
        "WHERE s.token = ? AND s.expires > ? AND u.disabled = 0",
        (_token_key(token), _stamp(_now())))
    if not rows:
        return None
    csrf, name, role, unit = rows[0]
    return Session(token, csrf, User(name, role, unit))


def logout(archive: Archive, token: str) -> None:
    archive._execute("DELETE FROM sessions WHERE token = ?", (_token_key(token),))


# --- what a user may see ----------------------------------------------------------------
def secret_ids(archive: Archive) -> set[int]:
    """Documents marked mật (any độ mật) in the incoming register."""
    # The entry is JSON written by corpus/register.py: do_mat is null unless it was marked.
    return {row[0] for row in archive._rows(
        "SELECT doc_id FROM register WHERE entry NOT LIKE ?", ('%"do_mat": null%',))}


def require(user: User | None, right: str, what: str) -> None:
    """Forbidden unless the user may (None: no office mode, one person at one computer)."""
    if user is not None and not user.can(right):
        raise Forbidden(f"{ROLES[user.role]} {user.name} may not {what}")


def require_visible(archive: Archive, user: User | None, doc_id: int) -> None:
    if user is not None and not user.can("secret") and doc_id in secret_ids(archive):
        raise Forbidden(f"document #{doc_id} is marked mật: {ROLES[user.role]} "
                        f"{user.name} may not open it")


def visible(archive: Archive, user: User | None, items: list[dict], key: str = "id") -> list[dict]:
    """The items (each naming a document by `key`) the user may see."""
    if user is None or user.can("secret"):
        return items
    hidden = secret_ids(archive)
    return [item for item in items if item.get(key) not in hidden]


# --- the audit log ----------------------------------------------------------------------
def audit(archive: Archive, name: str | None, action: str, target: str | None, outcome: str,
          detail: str | None = None) -> None:
    """Append one line: who (None: the command line), did what, to what, with what outcome."""
    archive._execute("INSERT INTO audit (at, name, action, target, outcome, detail) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (_stamp(_now()), name, action, target, outcome, detail))


def audit_log(archive: Archive, limit: int = 100, name: str | None = None,
              outcome: str | None = None) -> list[dict]:
    """The newest lines first."""
    clauses, values = [], []
    if name:
        clauses.append("name = ?")
        values.append(name)
    if outcome:
        clauses.append("outcome = ?")
        values.append(outcome)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return [dict(zip(("id", "at", "user", "action", "target", "outcome", "detail"), row))
            for row in archive._rows(
                f"SELECT id, at, name, action, target, outcome, detail FROM audit{where} "
                f"ORDER BY id DESC LIMIT ?", (*values, limit))]
