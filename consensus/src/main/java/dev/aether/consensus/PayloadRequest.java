package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.QuorumCert;

/**
 * Consensus wants to propose in {@code slot}/{@code round} of consensus epoch {@code epoch}, as
 * validator {@code proposer} of that epoch, on top of {@code parent} certified by {@code parentQc}
 * (the header will carry exactly this QC): the driver picks transactions, executes them on the
 * parent's state — with the proposer and the QC's signers in the block context, as every validator
 * re-executing the header will — and answers with {@link Event.PayloadReady}. When {@code empty}
 * the block must carry no transactions: it only helps finalize the block that ends its epoch and is
 * never committed itself (docs/adr/0025).
 */
public record PayloadRequest(
    long epoch,
    long slot,
    long round,
    int proposer,
    Block parent,
    QuorumCert parentQc,
    Bytes vrfProof,
    boolean empty) {}
