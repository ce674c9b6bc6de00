package dev.aether.compute.proof;

import dev.aether.types.Address;
import dev.aether.types.H256;
import java.util.Optional;

/**
 * What the job a receipt answers asked for — on chain, the posted and accepted job.
 *
 * @param jobId the job id
 * @param provider the provider that accepted it
 * @param modelHash the model
 * @param codeHash the provider runtime artifact
 * @param inputHash the input, if the job fixes it
 * @param seed the seed, if the job fixes it
 * @param maxJUnits the most J-units the job pays for
 */
public record JobTerms(
    H256 jobId,
    Address provider,
    H256 modelHash,
    H256 codeHash,
    Optional<H256> inputHash,
    Optional<Long> seed,
    long maxJUnits) {}
