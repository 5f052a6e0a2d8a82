"""The two ways a reader reports that something is wrong with the user's data."""

from __future__ import annotations

from dataclasses import dataclass


class ReadError(Exception):
    """A file (or one line of it) cannot be read as an article.

    ``source`` names the file, ``path:line`` for one line of a JSON Lines file;
    ``reason`` says what is wrong. ``str(error)`` is ``"source: reason"``.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class ReadProblem:
    """A problem met while reading many files: reported, and reading goes on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"

    @classmethod
    def from_error(cls, error: ReadError) -> ReadProblem:
        return cls(error.source, error.reason)

    def to_error(self) -> ReadError:
        return ReadError(self.source, self.message)
