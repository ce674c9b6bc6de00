"""Ed25519 keys (Debian's python3-cryptography) for signing transactions."""
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .hashing import address_of


class KeyPair:
    """An Ed25519 key from its 32-byte seed (the chain's key files store the seed)."""

    def __init__(self, seed: bytes):
        if len(seed) != 32:
            raise ValueError("an Ed25519 seed is 32 bytes")
        self._key = Ed25519PrivateKey.from_private_bytes(bytes(seed))
        self.public_key = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.address = address_of(self.public_key)

    @classmethod
    def from_seed(cls, seed) -> "KeyPair":
        if isinstance(seed, str):
            from .hexutil import from_hex
            seed = from_hex(seed)
        return cls(seed)

    def sign(self, message: bytes) -> bytes:
        """Signs ``message`` (for transactions: the 32-byte id). Deterministic (RFC 8032)."""
        return self._key.sign(message)


def verify_signature(signature: bytes, message: bytes, public_key: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False
