"""Terminology editing from the command line: accounts (`exportgraph users add NAME --role …`,
`users list`) and the net effect of the approved change sets (`exportgraph changes export`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from exportgraph.cli.common import StoreOption, fail, make_context
from exportgraph.errors import ExportgraphError
from exportgraph.services.users import ROLES, add_user, list_users
from exportgraph.settings import Settings
from exportgraph.store import LoadError

users = typer.Typer(help="Editors, reviewers and admins of the terminology.", no_args_is_help=True)

changes = typer.Typer(help="Approved change sets.", no_args_is_help=True)

RoleOption = Annotated[str, typer.Option("--role", help=" | ".join(ROLES))]
CHANGES_FORMATS = ("turtle", "json")


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


@changes.command("export")
def export_changes(
    output_format: Annotated[str, typer.Option("--format", help="turtle or json")] = "turtle",
    store: StoreOption = None,
) -> None:
    """The net effect of the approved changes on the sources, as statements to add and to
    remove, for carrying them into the tables (conflicting changes are listed, not included)."""
    from exportgraph.graph.replay import export_text, net_effect

    if output_format not in CHANGES_FORMATS:
        fail(f"--format must be one of {', '.join(CHANGES_FORMATS)}")
    context = make_context(store)
    try:
        typer.echo(export_text(net_effect(context.store), output_format), nl=False)
    except LoadError as error:
        fail(str(error))
    finally:
        context.close()


def register(app: typer.Typer) -> None:
    """Add the `users` and `changes` command groups."""
    app.add_typer(users, name="users")
    app.add_typer(changes, name="changes")
