package dev.aether.compute.engine;

/**
 * What an operator may read besides its inputs.
 *
 * @param weights the model's weights
 * @param seed the job seed (only {@link Op.Sample} reads it)
 * @param stepIndex index of the step being computed (keys the sampler)
 * @param parallelism how many threads a kernel may split its output over
 */
public record OpContext(Weights weights, long seed, int stepIndex, Parallelism parallelism) {}
