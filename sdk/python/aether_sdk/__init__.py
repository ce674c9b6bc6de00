"""Aether Python SDK: keys, the canonical codec, transactions, JSON-RPC, and client-side
verification of receipts, blocks' own receipts, account state and finality (BLS signatures excepted; docs/sdk.md).
Standard library plus Debian's python3-cryptography (Ed25519)."""
from . import (amm, args, block_receipt, builders, codec, coins, compute, finality, governance,
               hashing, proofs, tx)
from .amm import AMM, Amm, AmmKeys, amm_body
from .args import ContractArgsError, contract_args, decode_return
from .builders import (Contracts, JobCalls, ProviderRegistration, contract_call_body, contract_id,
                       created_utxos, deploy_body, utxo_body, utxo_writes, with_utxos)
from .coins import (InsufficientFunds, TooManyInputs, Utxo, select_coins, utxo_payment,
                    utxos_from_json)
from .compute import (FraudProof, ModelHeader, Opening, StepEvidence, Tensor, Vcr, VcrSubmission,
                      WeightSlice, receipt_commitment, sign_vcr, verify_vcr)
from .codec import AssetAmount, Call, Tx, TxBody
from .governance import GOVERNANCE, Gov, GovKeys, gov_body
from .errors import CodecError, VerificationError
from .hashing import AIC, SWR, USDT, account_key, address_of, block_id, tx_id
from .hexutil import from_hex, to_hex
from .keys import KeyPair, verify_signature
from .rpc import RpcClient, RpcError
from .tx import (ALL, BANK, JOBS, STAKING, JobParties, Jobs, JobsKeys, Staking, StakingKeys,
                 jobs_body, sign, staking_body, transfer_body)

__all__ = [
    "amm", "AMM", "Amm", "AmmKeys", "amm_body", "governance", "GOVERNANCE", "Gov", "GovKeys",
    "gov_body",
    "builders", "Contracts", "JobCalls", "ProviderRegistration", "contract_call_body",
    "contract_id", "deploy_body", "utxo_body", "created_utxos", "utxo_writes", "with_utxos",
    "args", "ContractArgsError", "contract_args", "decode_return", "coins", "InsufficientFunds",
    "TooManyInputs", "Utxo", "select_coins", "utxo_payment", "utxos_from_json", "compute",
    "FraudProof", "ModelHeader", "Opening", "StepEvidence", "Tensor", "Vcr", "VcrSubmission",
    "WeightSlice", "receipt_commitment", "sign_vcr", "verify_vcr", "codec", "finality", "hashing", "proofs", "tx", "block_receipt",
    "AssetAmount", "Call", "Tx", "TxBody",
    "CodecError", "VerificationError", "AIC", "SWR", "USDT", "account_key", "address_of",
    "block_id", "tx_id", "from_hex", "to_hex", "KeyPair", "verify_signature", "RpcClient",
    "RpcError", "ALL", "BANK", "JOBS", "STAKING", "JobParties", "Jobs", "JobsKeys", "Staking",
    "StakingKeys", "jobs_body", "sign", "staking_body", "transfer_body",
]
