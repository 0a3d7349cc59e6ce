"""Accounts: tokens shown once and stored only as hashes; roles; the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.errors import Conflict, Forbidden, InvalidInput, Unauthorized
from exportgraph.services.users import add_user, authenticate, hash_token, list_users, require


def test_only_the_hash_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    token = add_user(path, "erin", "editor")
    text = path.read_text()
    assert token not in text
    [stored] = json.loads(text)["users"]
    assert stored["token_sha256"] == hash_token(token) and stored["role"] == "editor"
    assert path.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_authenticate_and_roles(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    tokens = {name: add_user(path, name, role) for name, role in [("e", "editor"), ("a", "admin")]}
    editor, admin = authenticate(path, tokens["e"]), authenticate(path, tokens["a"])
    assert (editor.name, editor.role) == ("e", "editor")
    assert require(editor, "editor") is editor
    with pytest.raises(Forbidden):
        require(editor, "reviewer")
    for right in ("editor", "reviewer", "admin"):
        assert require(admin, right) is admin
    for bad in (None, "", tokens["e"] + "x", "egt_guess"):
        with pytest.raises(Unauthorized):
            authenticate(path, bad)


def test_names_are_unique_and_roles_closed(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    add_user(path, "erin", "editor")
    with pytest.raises(Conflict):
        add_user(path, "erin", "reviewer")
    with pytest.raises(InvalidInput):
        add_user(path, "bob", "superuser")
    with pytest.raises(InvalidInput):
        add_user(path, "bad name", "editor")
    assert [u.name for u in list_users(path)] == ["erin"]


def test_cli_prints_the_token_alone_on_the_last_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "users.json"
    monkeypatch.setenv("EXPORTGRAPH_USERS", str(path))
    result = CliRunner().invoke(app, ["users", "add", "rita", "--role", "reviewer"])
    assert result.exit_code == 0, result.output
    token = result.output.rstrip("\n").splitlines()[-1]
    assert authenticate(path, token).role == "reviewer"
    again = CliRunner().invoke(app, ["users", "add", "rita", "--role", "reviewer"])
    assert again.exit_code != 0
    listed = CliRunner().invoke(app, ["users", "list"])
    assert listed.output.strip() == "rita\treviewer" and token not in listed.output


def test_token_checks_follow_the_accounts_file_as_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    first = add_user(path, "erin", "editor")
    assert authenticate(path, first).name == "erin"  # the file is now read and kept
    second = add_user(path, "rita", "reviewer")
    assert authenticate(path, second).name == "rita"  # a new account is known at once
    # an operator revoking an account by editing the file: the old token stops working
    data = json.loads(path.read_text())
    data["users"] = [user for user in data["users"] if user["name"] != "erin"]
    path.write_text(json.dumps(data))
    with pytest.raises(Unauthorized):
        authenticate(path, first)
    assert authenticate(path, second).name == "rita"
