"""Accounts for the terminology editors: `exportgraph users add NAME --role …`, `users list`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from exportgraph.cli.common import fail
from exportgraph.errors import ExportgraphError
from exportgraph.services.users import ROLES, add_user, list_users
from exportgraph.settings import Settings

users = typer.Typer(help="Editors, reviewers and admins of the terminology.", no_args_is_help=True)

RoleOption = Annotated[str, typer.Option("--role", help=" | ".join(ROLES))]


def _users_file() -> Path:
    return Path(Settings.from_env().users_file)


@users.command("add")
def add(name: Annotated[str, typer.Argument(help="account name")], role: RoleOption) -> None:
    """Create an account; its bearer token is printed once, alone on the last line."""
    path = _users_file()
    try:
        token = add_user(path, name, role)
    except ExportgraphError as error:
        fail(error)
    typer.echo(f"added {name} ({role}) to {path}; keep this token, it is not shown again:")
    typer.echo(token)


@users.command("list")
def list_() -> None:
    """Account names and roles (never tokens)."""
    for user in list_users(_users_file()):
        typer.echo(f"{user.name}\t{user.role}")


def register(app: typer.Typer) -> None:
    """Add the `users` command group."""
    app.add_typer(users, name="users")
