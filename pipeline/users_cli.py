"""`vanthu users`: the accounts of office mode (corpus/office.py), and the audit log."""
from __future__ import annotations

import json
import sys

import click

from pipeline.corpus_cli import with_archive


@click.group()
def users() -> None:
    """Accounts for `vanthu serve` in an office: with one account, every page needs a login.

    Roles: van-thu (receive, register), lanh-dao (assign tasks, see everything), chuyen-vien
    (the tasks of their unit)."""


def _password(name: str) -> str:
    """From standard input when it is not a terminal (one line), else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(f"Mật khẩu cho {name}", hide_input=True, confirmation_prompt=True)


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["van-thu", "lanh-dao", "chuyen-vien"]))
@click.option("--unit", help="The user's unit (phòng, ban), as tasks name it.")
@with_archive
def add(archive, name: str, role: str, unit: str | None) -> None:
    """Add an account; the password is read from standard input when it is not a terminal."""
    from corpus import office
    user = office.add_user(archive, name, role, _password(name), unit)
    click.echo(f"{user.name}: {office.ROLES[user.role]}{', ' + user.unit if user.unit else ''}")


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@with_archive
def list_users(archive, as_json: bool) -> None:
    """Every account: name, role, unit, and whether it is disabled."""
    from corpus import office
    for user in office.users(archive):
        if as_json:
            click.echo(json.dumps(user.to_dict(), ensure_ascii=False))
        else:
            click.echo(f"{user.name:<20} {user.role:<12} {user.unit or '—':<30}"
                       f"{' (disabled)' if user.disabled else ''}")


@users.command("disable")
@click.argument("name")
@with_archive
def disable(archive, name: str) -> None:
    """Stop an account signing in, and end its sessions (it stays in the audit log)."""
    from corpus import office
    office.disable(archive, name)
    click.echo(f"{name}: disabled")


@users.command("log")
@click.option("--user", "name", help="Only this account's lines.")
@click.option("--refused", is_flag=True, help="Only what was refused.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@with_archive
def log(archive, name: str | None, refused: bool, limit: int) -> None:
    """The audit log, newest first: when, who, what, to what, and what came of it."""
    from corpus import office
    for line in office.audit_log(archive, limit, name, "refused" if refused else None):
        click.echo(f"{line['at']}  {line['user'] or '(vanthu)':<14} {line['outcome']:<8} "
                   f"{line['action']} {line['target'] or ''}  {line['detail'] or ''}")
