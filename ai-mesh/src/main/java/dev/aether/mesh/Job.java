package dev.aether.mesh;

import java.util.Arrays;

/**
 * An inference job as a provider receives it.
 *
 * @param jobId the escrow's 32-byte job id
 * @param modelHash hex SHA-256 of the model's weights file
 * @param input the job input file (the model's architecture reads it)
 * @param seed the sampling seed
 */
public record Job(byte[] jobId, String modelHash, byte[] input, long seed) {
  /** Checks and copies. */
  public Job {
    if (jobId.length != 32) {
      throw new MeshException.BadInput("job id must be 32 bytes");
    }
    jobId = jobId.clone();
    input = input.clone();
  }

  @Override
  public byte[] jobId() {
    return jobId.clone();
  }

  @Override
  public byte[] input() {
    return input.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Job j
        && Arrays.equals(jobId, j.jobId)
        && modelHash.equals(j.modelHash)
        && Arrays.equals(input, j.input)
        && seed == j.seed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(jobId);
  }
}
