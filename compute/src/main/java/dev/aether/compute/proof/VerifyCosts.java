package dev.aether.compute.proof;

import dev.aether.compute.engine.Work;

/**
 * Metered steps of each check a receipt or fraud proof costs on chain — consensus constants, in the
 * runtime's unit (one step ≈ 10 ns of CPU on the reference machine, the scale of {@code
 * runtime.StepCosts}); measured in {@code VerifyCostBench} (docs/BENCHMARKS.md). Charged before the
 * work is done, so a transaction whose fee cap cannot pay stops before spending the CPU.
 *
 * @param perByteHashed per byte hashed (tensors, leaves, weight slices)
 * @param perProgramStep per step of a program derived from a model header (shape inference)
 * @param workDivisor re-executing an operator costs {@code ceil(work / workDivisor)} steps
 * @param kzgOpening one KZG opening verified alone (two pairings)
 * @param kzgBatchBase a batch of openings (two Miller loops), plus {@code kzgBatchPerOpening} each
 * @param kzgBatchPerOpening per opening in a batch (scalar multiplications)
 * @param kzgData verifying published leaves against the commitment (blob proof)
 * @param ed25519 one Ed25519 signature
 * @param teeDev a development quote (one Ed25519 signature)
 * @param teeHardware an SEV-SNP report or TDX quote with its certificate chain
 * @param maxStepWork the most work one re-executed step may need (consensus bound)
 */
public record VerifyCosts(
    long perByteHashed,
    long perProgramStep,
    long workDivisor,
    long kzgOpening,
    long kzgBatchBase,
    long kzgBatchPerOpening,
    long kzgData,
    long ed25519,
    long teeDev,
    long teeHardware,
    long maxStepWork) {

  /** Version 1 of the costs. */
  public static final VerifyCosts V1 =
      new VerifyCosts(
          1, 50, 8, 150_000, 200_000, 20_000, 300_000, 6_000, 6_000, 1_500_000, 1L << 30);

  /** Checks every cost is positive where it divides. */
  public VerifyCosts {
    if (workDivisor < 1 || maxStepWork < 1) {
      throw new IllegalArgumentException("workDivisor and maxStepWork must be >= 1");
    }
  }

  /** Steps to re-execute {@code work} units: {@code ceil(work / workDivisor)}. */
  public long forWork(long work) {
    return work / workDivisor + (work % workDivisor == 0 ? 0 : 1);
  }

  /** Steps to hash {@code bytes} bytes. */
  public long forBytes(long bytes) {
    return Math.multiplyExact(perByteHashed, bytes);
  }

  /** Steps for a batch of {@code n} openings. */
  public long forOpenings(int n) {
    return n == 0 ? 0 : n == 1 ? kzgOpening : kzgBatchBase + kzgBatchPerOpening * n;
  }

  /** Work units per J-unit, for documentation next to the costs. */
  public static long workPerJUnit() {
    return Work.PER_J_UNIT;
  }
}
