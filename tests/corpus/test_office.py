"""Office mode's accounts, sessions, lockout, mật documents and audit log (corpus/office.py)
on both backends, and `vanthu users` on the command line."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REAL, ROOT
from corpus import office, open_archive, register

PASSWORD = "một mật khẩu dài"


def test_accounts_sessions_and_the_lockout(archive_url):
    with open_archive(archive_url) as archive:
        assert not office.office_mode(archive)
        office.add_user(archive, "lan", "chuyen-vien", PASSWORD, unit="Phòng  Tổng hợp")
        office.add_user(archive, "minh", "lanh-dao", PASSWORD)
        assert office.office_mode(archive)
        for name, role, password in [("lan", "van-thu", PASSWORD), ("an", "thu-ky", PASSWORD),
                                     ("an", "van-thu", "ngắn"), ("hai tu", "van-thu", PASSWORD)]:
            with pytest.raises(office.ArchiveError):
                office.add_user(archive, name, role, password)
        assert [(u.name, u.role, u.unit) for u in office.users(archive)] == [
            ("lan", "chuyen-vien", "Phòng Tổng hợp"), ("minh", "lanh-dao", None)]
        stored = archive._rows("SELECT password FROM users WHERE name = 'lan'")[0][0]
        assert stored.startswith("$argon2id$") and PASSWORD not in stored

        started = office.login(archive, "lan", PASSWORD, "10.0.0.5")
        assert office.session(archive, started.token).user.name == "lan"
        assert office.session(archive, started.csrf) is None  # the CSRF token is no session
        # The token is kept only as its hash.
        assert not archive._rows("SELECT 1 FROM sessions WHERE token = ?", (started.token,))

        for _ in range(office.MAX_FAILURES):
            with pytest.raises(office.LoginFailed):
                office.login(archive, "minh", "sai mật khẩu", "10.0.0.6")
        with pytest.raises(office.LockedOut):  # even the right password, for a while
            office.login(archive, "minh", PASSWORD, "10.0.0.6")
        office.login(archive, "lan", PASSWORD, "10.0.0.6")  # another name is not locked
        with pytest.raises(office.LoginFailed):  # an unknown name fails like a wrong password
            office.login(archive, "không-có", PASSWORD, "10.0.0.7")

        office.disable(archive, "lan")
        assert office.session(archive, started.token) is None
        with pytest.raises(office.LoginFailed):
            office.login(archive, "lan", PASSWORD, "10.0.0.5")
        log = office.audit_log(archive, 100)
        refused = [line for line in log if line["outcome"] == "refused"]
        assert len(refused) == office.MAX_FAILURES + 3
        assert any("locked out" in line["detail"] for line in refused)
        assert [line["action"] for line in log if line["outcome"] == "done"][:1] == [
            "users disable"]


def test_documents_marked_mat_are_for_the_roles_allowed(archive_url):
    with open_archive(archive_url) as archive:
        plain, secret = (archive.add_file(path).id for path in REAL[:2])
        register.register(archive, plain, "2026-03-02")
        register.register(archive, secret, "2026-03-02", secrecy="Mật")
        assert office.secret_ids(archive) == {secret}
        clerk = office.add_user(archive, "vt", "van-thu", PASSWORD)
        lead = office.add_user(archive, "ld", "lanh-dao", PASSWORD)
        staff = office.add_user(archive, "cv", "chuyen-vien", PASSWORD, "Phòng Tổng hợp")
        for allowed in (clerk, lead, None):
            office.require_visible(archive, allowed, secret)
        office.require_visible(archive, staff, plain)
        with pytest.raises(office.Forbidden):
            office.require_visible(archive, staff, secret)
        rows = register.entries(archive, 2026)
        assert [r["id"] for r in office.visible(archive, staff, rows)] == [plain]
        assert len(office.visible(archive, lead, rows)) == 2
        with pytest.raises(office.Forbidden):
            office.require(staff, "register", "enter documents in the register")
        office.require(clerk, "register", "enter documents in the register")


def test_the_users_command(tmp_path):
    db = str(tmp_path / "a.sqlite")
    run = [sys.executable, "-m", "pipeline", "users"]

    def users(*args, stdin=""):
        return subprocess.run([*run, *args, "--db", db], cwd=ROOT, input=stdin,
                              capture_output=True, text=True)

    added = users("add", "lan", "--role", "chuyen-vien", "--unit", "Phòng Tổng hợp",
                  stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "Chuyên viên" in added.stdout
    short = users("add", "an", "--role", "van-thu", stdin="ngắn\n")
    assert short.returncode == 1 and "at least" in short.stderr
    assert "Traceback" not in short.stderr
    assert users("disable", "lan").returncode == 0
    listed = users("list").stdout.splitlines()
    assert len(listed) == 1 and listed[0].startswith("lan ") and "(disabled)" in listed[0]
    assert users("disable", "không-có").returncode == 1
    log = users("log").stdout.splitlines()
    assert "users disable lan" in log[0] and "users add lan" in log[1]
    with open_archive(db) as archive:
        with pytest.raises(office.LoginFailed):
            office.login(archive, "lan", PASSWORD)


def test_the_database_refuses_to_change_the_audit_log(archive_url):
    with open_archive(archive_url) as archive:
        office.add_user(archive, "vt", "van-thu", PASSWORD)
        office.audit(archive, "vt", "GET", "/documents/1", "refused", "403: mật")
        before = office.audit_log(archive, 100)
        for sql in ("UPDATE audit SET outcome = 'allowed'", "UPDATE audit SET detail = NULL "
                    "WHERE name = 'vt'", "DELETE FROM audit", "DELETE FROM audit WHERE id = 1"):
            with pytest.raises(Exception, match="append-only"):
                with archive.transaction():
                    archive._execute(sql)
        if archive_url.startswith("postgresql"):  # TRUNCATE skips row triggers
            with pytest.raises(Exception, match="append-only"):
                with archive.transaction():
                    archive._execute("TRUNCATE audit")
        assert office.audit_log(archive, 100) == before
        office.audit(archive, "vt", "GET", "/register", "allowed")  # appending still works
        assert len(office.audit_log(archive, 100)) == len(before) + 1
    with open_archive(archive_url) as archive:  # opening again applies no step twice
        assert archive._rows("SELECT count(*) FROM schema_steps WHERE name = "
                             "'audit-append-only'") == [(1,)]
