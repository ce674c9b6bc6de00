package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * What a transaction does, and everything it may touch. {@code inputs}, {@code reads} and {@code
 * writes} are its declared access sets: the scheduler runs transactions in parallel from them
 * alone, and execution fails a transaction that touches anything else. The fee comes from the
 * {@code payer} account, whose {@code nonce} protects against replay.
 *
 * @param chainId the chain this transaction is valid on (replay protection across chains)
 * @param payer account debited for the fee; must be in {@code writes}' account keys or be signed
 * @param nonce the payer account's next nonce
 * @param inputs UTxOs consumed, strictly ascending
 * @param reads read-only object keys, strictly ascending
 * @param writes read-write object/account keys, strictly ascending
 * @param outputs UTxOs created, at index = position
 * @param calls program invocations, run in order
 * @param mint value created (only programs with minting rights may authorise it)
 * @param burn value destroyed
 * @param feeCap the most SWR this transaction may pay in fees
 * @param validFrom first slot in which the transaction is valid
 * @param validUntil last slot in which the transaction is valid
 */
public record TxBody(
    String chainId,
    Address payer,
    long nonce,
    List<UtxoRef> inputs,
    List<H256> reads,
    List<H256> writes,
    List<TxOutput> outputs,
    List<Call> calls,
    Value mint,
    Value burn,
    Amount feeCap,
    long validFrom,
    long validUntil) {
  public static final int VERSION = 1;
  public static final int MAX_CHAIN_ID = 32;

  public static final Codec<TxBody> CODEC =
      new Codec<>() {
        @Override
        public void write(TxBody v, Writer out) {
          out.u8(VERSION);
          out.string(v.chainId);
          Address.CODEC.write(v.payer, out);
          out.u64(v.nonce);
          out.list(v.inputs, UtxoRef.CODEC);
          out.list(v.reads, H256.CODEC);
          out.list(v.writes, H256.CODEC);
          out.list(v.outputs, TxOutput.CODEC);
          out.list(v.calls, Call.CODEC);
          Value.CODEC.write(v.mint, out);
          Value.CODEC.write(v.burn, out);
          Amount.CODEC.write(v.feeCap, out);
          out.u64(v.validFrom);
          out.u64(v.validUntil);
        }

        @Override
        public TxBody read(Reader in) {
          Canonical.version(in.u8("TxBody version"), VERSION, "TxBody");
          String chain = in.string("TxBody chainId", MAX_CHAIN_ID);
          Address payer = Address.CODEC.read(in);
          long nonce = in.u64("TxBody nonce");
          List<UtxoRef> inputs =
              Canonical.decodedAscending(
                  in.list("TxBody inputs", Tx.MAX_INPUTS, UtxoRef.CODEC), "TxBody inputs");
          List<H256> reads =
              Canonical.decodedAscending(
                  in.list("TxBody reads", Tx.MAX_ACCESS, H256.CODEC), "TxBody reads");
          List<H256> writes =
              Canonical.decodedAscending(
                  in.list("TxBody writes", Tx.MAX_ACCESS, H256.CODEC), "TxBody writes");
          List<TxOutput> outputs = in.list("TxBody outputs", Tx.MAX_OUTPUTS, TxOutput.CODEC);
          List<Call> calls = in.list("TxBody calls", Tx.MAX_CALLS, Call.CODEC);
          return new TxBody(
              chain,
              payer,
              nonce,
              inputs,
              reads,
              writes,
              outputs,
              calls,
              Value.CODEC.read(in),
              Value.CODEC.read(in),
              Amount.CODEC.read(in),
              in.u64("TxBody validFrom"),
              in.u64("TxBody validUntil"));
        }
      };

  public TxBody {
    java.util.Objects.requireNonNull(chainId, "chainId");
    java.util.Objects.requireNonNull(payer, "payer");
    if (chainId.isEmpty() || chainId.length() > MAX_CHAIN_ID) {
      throw new IllegalArgumentException("chainId must be 1.." + MAX_CHAIN_ID + " characters");
    }
    inputs = Canonical.requireAscending(inputs, "inputs");
    reads = Canonical.requireAscending(reads, "reads");
    writes = Canonical.requireAscending(writes, "writes");
    outputs = List.copyOf(outputs);
    calls = List.copyOf(calls);
    checkCount(inputs.size(), Tx.MAX_INPUTS, "inputs");
    checkCount(reads.size(), Tx.MAX_ACCESS, "reads");
    checkCount(writes.size(), Tx.MAX_ACCESS, "writes");
    checkCount(outputs.size(), Tx.MAX_OUTPUTS, "outputs");
    checkCount(calls.size(), Tx.MAX_CALLS, "calls");
    java.util.Objects.requireNonNull(mint, "mint");
    java.util.Objects.requireNonNull(burn, "burn");
    java.util.Objects.requireNonNull(feeCap, "feeCap");
  }

  private static void checkCount(int n, int max, String what) {
    if (n > max) {
      throw new IllegalArgumentException(what + ": " + n + " over the limit of " + max);
    }
  }

  /** The transaction id: {@code SHA-256("aether/tx/v1" || 0x00 || encode(body))}. */
  public H256 id() {
    return Hashing.tagged("aether/tx/v1", CODEC.encode(this));
  }
}
