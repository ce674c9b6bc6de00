package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every direct-message channel the node registers is its own: two protocols on one channel each see
 * the other's messages as malformed and penalize the sender (a set-change request once landed on
 * the root-mismatch channel and got restarted validators graylisted).
 */
class DirectChannelsTest {
  @Test
  void directChannelsAreDistinct() {
    List<Integer> channels =
        List.of(
            dev.aether.network.TurbineRelay.CHANNEL_SHRED,
            dev.aether.network.TurbineRelay.CHANNEL_REPAIR_REQUEST,
            dev.aether.network.TurbineRelay.CHANNEL_REPAIR_RESPONSE,
            Node.FETCH_REQUEST,
            Node.FETCH_RESPONSE,
            Node.SNAPSHOTS_REQUEST,
            Node.SNAPSHOT_OFFER,
            Node.CHUNK_REQUEST,
            Node.CHUNK_RESPONSE,
            RootMismatches.REQUEST,
            RootMismatches.RESPONSE,
            Node.SET_CHANGES_REQUEST,
            Node.SET_CHANGES_RESPONSE);
    assertThat(channels).doesNotHaveDuplicates();
  }
}
