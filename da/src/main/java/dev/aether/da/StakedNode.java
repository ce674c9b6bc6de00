package dev.aether.da;

/**
 * A node and its stake, an entry of the stake table the Turbine shuffle weights by.
 *
 * @param id the node's key
 * @param stake its stake (zero for unstaked full nodes)
 */
public record StakedNode(NodeId id, long stake) {
  public StakedNode {
    if (stake < 0) {
      throw new IllegalArgumentException("stake must be non-negative");
    }
  }
}
