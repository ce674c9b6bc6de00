"""Errors with the same stable codes as the Java codec (docs/codec.md)."""


class CodecError(ValueError):
    """Bytes the canonical codec refuses; ``code`` is e.g. ``codec.truncated``."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code


class VerificationError(ValueError):
    """A proof or signature that does not check; the message names the failed check."""
