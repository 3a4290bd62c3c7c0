"""Errors that name the input, the position and the fix."""

from __future__ import annotations


class InputError(Exception):
    """A raw input that cannot be used: says which file, where, what is wrong and what to do."""

    def __init__(
        self, path: str, problem: str, *, position: str | None = None, fix: str = ""
    ) -> None:
        self.path = path
        self.position = position
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: {self.position}" if self.position else self.path
        message = f"{where}: {self.problem}"
        return f"{message}. Fix: {self.fix}" if self.fix else message

    def record(self) -> dict[str, str | None]:
        """The error as a plain record: path, position, problem, fix and the whole message."""
        return {
            "path": self.path,
            "position": self.position,
            "problem": self.problem,
            "fix": self.fix,
            "message": str(self),
        }


class ReleaseInvalid(Exception):
    """A release that breaks the contract or may not be published now; the message says why."""
