package dev.aether.network;

/**
 * Token bucket refilled from caller-supplied time (no clock inside, so tests are exact). Holds up
 * to one second of budget, i.e. bursts up to the per-second rate are allowed.
 */
final class TokenBucket {
  private double rate;
  private double tokens;
  private long last;

  TokenBucket(final double ratePerSecond, final long nowMillis) {
    this.rate = ratePerSecond;
    this.tokens = ratePerSecond;
    this.last = nowMillis;
  }

  /** Changes the rate; a raise is credited at once (a peer just staked need not wait a second). */
  void setRate(final double ratePerSecond) {
    if (ratePerSecond > rate) {
      tokens += ratePerSecond - rate;
    }
    this.rate = ratePerSecond;
    tokens = Math.min(tokens, rate);
  }

  /** Takes {@code cost} tokens if available. */
  boolean tryTake(final double cost, final long nowMillis) {
    if (nowMillis > last) {
      tokens = Math.min(rate, tokens + rate * (nowMillis - last) / 1000.0);
      last = nowMillis;
    }
    if (tokens >= cost) {
      tokens -= cost;
      return true;
    }
    return false;
  }
}
