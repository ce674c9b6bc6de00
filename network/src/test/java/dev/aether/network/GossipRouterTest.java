package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GossipRouterTest {
  private static final GossipParams P = GossipParams.defaults();

  private static byte[] msg(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static SimNet meshOf(final int n) {
    final SimNet net = new SimNet(n, P);
    net.connectAll();
    net.subscribeAll(Topic.TX, MessageValidator.acceptAll());
    net.run();
    net.heartbeats(3, P.heartbeatMillis());
    return net;
  }

  @Test
  void meshDegreeSettlesBetweenDLowAndDHigh() {
    final SimNet net = meshOf(30);
    for (final PeerId id : net.ids) {
      assertThat(net.routers.get(id).mesh(Topic.TX).size()).isBetween(P.dLow(), P.dHigh());
    }
  }

  @Test
  void publishedMessageReachesEveryNodeOnce() {
    final SimNet net = meshOf(30);
    final byte[] m = msg("hello mesh");
    final PeerId origin = net.ids.get(3);
    net.enqueue(origin, net.routers.get(origin).publish(Topic.TX, m, net.now));
    net.run();
    assertThat(net.receivedCount(m, id -> !id.equals(origin))).isEqualTo(29);
    for (final PeerId id : net.ids) {
      assertThat(net.delivered.get(id).size()).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void messagesFlowWithoutFloodPublishThroughMeshOnly() {
    final GossipParams noFlood =
        new GossipParams(
            6, 4, 12, 6, 4, 700, 60_000, 5, 3, 120_000, 60_000, false, 5_000, 3, -10, -50, -80, -10,
            -5, 0.5, 20, 0.01, 100, 10, 0.995, 200, 4 << 20, 2_000, 32 << 20);
    final SimNet net = new SimNet(40, noFlood);
    net.connectAll();
    net.subscribeAll(Topic.VOTE, MessageValidator.acceptAll());
    net.run();
    net.heartbeats(2, 700);
    final byte[] m = msg("vote");
    net.enqueue(net.ids.get(0), net.routers.get(net.ids.get(0)).publish(Topic.VOTE, m, net.now));
    net.run();
    assertThat(net.receivedCount(m, id -> true)).isEqualTo(39);
    // Mesh forwarding sends each message to ~D peers per node, far fewer than all 39.
    final int sends = net.sentPublishes.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(sends).isLessThan(40 * P.dHigh());
  }

  @Test
  void invalidMessageIsNotForwardedAndSenderScoreDrops() {
    final SimNet net = new SimNet(3, P);
    // A line: 0 - 1 - 2. Node 1 validates: anything starting with "bad" is rejected.
    net.connect(0, 1);
    net.connect(1, 2);
    final MessageValidator v =
        (from, data) ->
            new String(data, StandardCharsets.UTF_8).startsWith("bad")
                ? Validation.REJECT
                : Validation.ACCEPT;
    net.subscribeAll(Topic.TX, v);
    net.run();
    net.heartbeats(1, 700);
    final PeerId a = net.ids.get(0);
    final PeerId b = net.ids.get(1);
    final double before = net.routers.get(b).score(a).orElseThrow();
    net.enqueue(a, net.routers.get(a).publish(Topic.TX, msg("bad tx"), net.now));
    net.enqueue(a, net.routers.get(a).publish(Topic.TX, msg("good tx"), net.now));
    net.run();
    assertThat(net.receivedCount(msg("bad tx"), id -> true)).isZero();
    assertThat(net.receivedCount(msg("good tx"), id -> true)).isEqualTo(2);
    assertThat(net.routers.get(b).score(a).orElseThrow()).isLessThan(before - 5);
  }

  @Test
  void repeatedInvalidMessagesGraylistAndDisconnectTheSender() {
    final SimNet net = new SimNet(2, P);
    net.connect(0, 1);
    net.subscribeAll(Topic.TX, (from, data) -> Validation.REJECT);
    net.run();
    final PeerId a = net.ids.get(0);
    final PeerId b = net.ids.get(1);
    for (int i = 0; i < 3; i++) {
      net.enqueue(a, net.routers.get(a).publish(Topic.TX, msg("junk" + i), net.now));
    }
    net.run();
    // 3 invalid messages: 3^2 * -10 = -90, below the graylist threshold of -80.
    assertThat(net.routers.get(b).score(a).orElseThrow()).isLessThan(P.graylistThreshold());
    net.enqueue(a, net.routers.get(a).publish(Topic.TX, msg("junk3"), net.now));
    net.run();
    assertThat(net.routers.get(b).peers()).doesNotContain(a);
  }

  @Test
  void ignoredMessagesAreDroppedWithoutPenalty() {
    final SimNet net = new SimNet(2, P);
    net.connect(0, 1);
    net.subscribeAll(Topic.HEADER, (from, data) -> Validation.IGNORE);
    net.run();
    final PeerId a = net.ids.get(0);
    final PeerId b = net.ids.get(1);
    final double before = net.routers.get(b).score(a).orElseThrow();
    net.enqueue(a, net.routers.get(a).publish(Topic.HEADER, msg("stale"), net.now));
    net.run();
    assertThat(net.receivedCount(msg("stale"), id -> true)).isZero();
    assertThat(net.routers.get(b).score(a).orElseThrow()).isEqualTo(before);
  }

  @Test
  void samePeerRepeatingAMessageIsPenalisedButMeshDuplicatesAreNot() {
    final GossipRouter r = new GossipRouter(TestNodes.key(1).id(), P, 1);
    final PeerId x = TestNodes.key(2).id();
    final PeerId y = TestNodes.key(3).id();
    r.addPeer(x, 0);
    r.addPeer(y, 0);
    r.subscribe(Topic.TX, MessageValidator.acceptAll());
    final GossipRpc.Publish m = new GossipRpc.Publish(Topic.TX, msg("once"));
    assertThat(r.onRpc(x, m, 1)).anyMatch(a -> a instanceof RouterAction.Deliver);
    final double x0 = r.score(x).orElseThrow();
    final double y0 = r.score(y).orElseThrow();
    assertThat(r.onRpc(y, m, 2)).isEmpty(); // duplicate from another peer: normal
    assertThat(r.score(y).orElseThrow()).isEqualTo(y0);
    for (int i = 0; i < 5; i++) {
      assertThat(r.onRpc(x, m, 3)).isEmpty(); // x repeats: flood
    }
    assertThat(r.score(x).orElseThrow()).isLessThan(x0 - 50);
  }

  @Test
  void rateLimitDropsExcessAndStakeRaisesTheQuota() {
    final GossipParams tight = P.withRateLimits(10, 1 << 20);
    final GossipRouter r = new GossipRouter(TestNodes.key(1).id(), tight, 1);
    final PeerId unstaked = TestNodes.key(2).id();
    final PeerId staked = TestNodes.key(3).id();
    r.addPeer(unstaked, 0);
    r.addPeer(staked, 0);
    r.setStakes(Map.of(staked, 100L));
    r.subscribe(Topic.TX, MessageValidator.acceptAll());
    int deliveredUnstaked = 0;
    int deliveredStaked = 0;
    for (int i = 0; i < 100; i++) {
      if (i < 12
          && r.onRpc(unstaked, new GossipRpc.Publish(Topic.TX, msg("u" + i)), 10).stream()
              .anyMatch(a -> a instanceof RouterAction.Deliver)) {
        deliveredUnstaked++;
      }
      if (r.onRpc(staked, new GossipRpc.Publish(Topic.TX, msg("s" + i)), 10).stream()
          .anyMatch(a -> a instanceof RouterAction.Deliver)) {
        deliveredStaked++;
      }
    }
    // Unstaked: the 10/s base burst. Staked with all the stake: base + the whole staked pool.
    assertThat(deliveredUnstaked).isEqualTo(10);
    assertThat(deliveredStaked).isEqualTo(100);
    // Refill: one second later the unstaked peer may send 10 more.
    int later = 0;
    for (int i = 0; i < 12; i++) {
      if (r.onRpc(unstaked, new GossipRpc.Publish(Topic.TX, msg("v" + i)), 1010).stream()
          .anyMatch(a -> a instanceof RouterAction.Deliver)) {
        later++;
      }
    }
    assertThat(later).isEqualTo(10);
    // Ignoring the limit wholesale costs the score: a burst of 200 graylists the peer.
    for (int i = 0; i < 200; i++) {
      r.onRpc(unstaked, new GossipRpc.Publish(Topic.TX, msg("w" + i)), 1010);
    }
    assertThat(r.score(unstaked).orElseThrow()).isLessThan(tight.graylistThreshold());
    assertThat(r.score(staked).orElseThrow()).isGreaterThan(0);
  }

  @Test
  void aValidatorRelayingATransactionFloodIsNeitherGraylistedNorSilencedOnVotes() {
    // Issue 14: 500 tx/s of honest client load made validators exceed each other's per-peer
    // quota; every excess message counted as misbehaviour, they graylisted each other within a
    // second and consensus halted for minutes (votes shared the same budget, too).
    final GossipParams tight = P.withRateLimits(10, 1 << 20);
    final GossipRouter r = new GossipRouter(TestNodes.key(1).id(), tight, 1);
    final PeerId validator = TestNodes.key(3).id();
    final PeerId other = TestNodes.key(4).id();
    r.addPeer(validator, 0);
    r.setStakes(Map.of(validator, 100L, other, 300L));
    r.subscribe(Topic.TX, MessageValidator.acceptAll());
    r.subscribe(Topic.VOTE, MessageValidator.acceptAll());
    for (int i = 0; i < 5_000; i++) {
      r.onRpc(validator, new GossipRpc.Publish(Topic.TX, msg("tx" + i)), 10);
    }
    assertThat(r.score(validator).orElseThrow()).isGreaterThan(tight.graylistThreshold());
    int votes = 0;
    for (int i = 0; i < 5; i++) {
      if (r.onRpc(validator, new GossipRpc.Publish(Topic.VOTE, msg("vote" + i)), 10).stream()
          .anyMatch(a -> a instanceof RouterAction.Deliver)) {
        votes++;
      }
    }
    assertThat(votes).isEqualTo(5);
    // Flooding a consensus topic beyond the quota is still misbehaviour, staked or not.
    for (int i = 0; i < 5_000; i++) {
      r.onRpc(validator, new GossipRpc.Publish(Topic.VOTE, msg("v" + i)), 10);
    }
    assertThat(r.score(validator).orElseThrow()).isLessThan(tight.graylistThreshold());
  }

  @Test
  void ihaveIwantRecoversAMessageMissedByTheMesh() {
    final GossipRouter a = new GossipRouter(TestNodes.key(1).id(), P, 1);
    final GossipRouter b = new GossipRouter(TestNodes.key(2).id(), P, 2);
    final PeerId ia = TestNodes.key(1).id();
    final PeerId ib = TestNodes.key(2).id();
    a.addPeer(ib, 0);
    b.addPeer(ia, 0);
    a.subscribe(Topic.TX, MessageValidator.acceptAll());
    b.subscribe(Topic.TX, MessageValidator.acceptAll());
    a.onRpc(ib, new GossipRpc.Subscribe(Topic.TX), 0);
    b.onRpc(ia, new GossipRpc.Subscribe(Topic.TX), 0);
    // a has a message b never got (say the forward was lost).
    a.publish(Topic.TX, msg("lost"), 0);
    // Put b outside a's mesh so a gossips IHAVE to it instead of forwarding.
    a.onRpc(ib, new GossipRpc.Prune(Topic.TX), 1);
    final List<RouterAction> hb = a.heartbeat(700);
    final GossipRpc.IHave ihave =
        hb.stream()
            .filter(x -> x instanceof RouterAction.Send s && s.rpc() instanceof GossipRpc.IHave)
            .map(x -> (GossipRpc.IHave) ((RouterAction.Send) x).rpc())
            .findFirst()
            .orElseThrow();
    assertThat(ihave.ids()).contains(MessageId.of(Topic.TX, msg("lost")));
    final List<RouterAction> want = b.onRpc(ia, ihave, 700);
    final GossipRpc.IWant iwant = (GossipRpc.IWant) ((RouterAction.Send) want.getFirst()).rpc();
    final List<RouterAction> resp = a.onRpc(ib, iwant, 701);
    final GossipRpc.Publish m = (GossipRpc.Publish) ((RouterAction.Send) resp.getFirst()).rpc();
    assertThat(b.onRpc(ia, m, 702))
        .anyMatch(x -> x instanceof RouterAction.Deliver d && new String(d.data()).equals("lost"));
  }

  @Test
  void graftDuringBackoffIsPenalisedAndPruned() {
    final GossipRouter r = new GossipRouter(TestNodes.key(1).id(), P, 1);
    final PeerId x = TestNodes.key(2).id();
    r.addPeer(x, 0);
    r.subscribe(Topic.VOTE, MessageValidator.acceptAll());
    r.onRpc(x, new GossipRpc.Graft(Topic.VOTE), 0);
    assertThat(r.mesh(Topic.VOTE)).contains(x);
    r.onRpc(x, new GossipRpc.Prune(Topic.VOTE), 10);
    assertThat(r.mesh(Topic.VOTE)).doesNotContain(x);
    final double before = r.score(x).orElseThrow();
    final List<RouterAction> out = r.onRpc(x, new GossipRpc.Graft(Topic.VOTE), 20);
    assertThat(out)
        .anyMatch(a -> a instanceof RouterAction.Send s && s.rpc() instanceof GossipRpc.Prune);
    assertThat(r.mesh(Topic.VOTE)).doesNotContain(x);
    assertThat(r.score(x).orElseThrow()).isLessThan(before);
    // After the backoff x's score is still negative, so it stays out; a peer that respected its
    // backoff is welcome again.
    final long later = 20 + P.pruneBackoffMillis() + 1;
    r.onRpc(x, new GossipRpc.Graft(Topic.VOTE), later);
    assertThat(r.mesh(Topic.VOTE)).doesNotContain(x);
    final PeerId y = TestNodes.key(3).id();
    r.addPeer(y, 0);
    r.onRpc(y, new GossipRpc.Prune(Topic.VOTE), 10);
    r.onRpc(y, new GossipRpc.Graft(Topic.VOTE), later);
    assertThat(r.mesh(Topic.VOTE)).isEqualTo(Set.of(y));
  }

  /** Router with peers x (the sender) and y (a mesh peer), deferring every TX verdict. */
  private static GossipRouter deferring(final PeerId x, final PeerId y) {
    final GossipRouter r = new GossipRouter(TestNodes.key(1).id(), P, 1);
    r.addPeer(x, 0);
    r.addPeer(y, 0);
    r.subscribe(Topic.TX, (from, data) -> Validation.DEFER);
    r.onRpc(y, new GossipRpc.Subscribe(Topic.TX), 0);
    r.onRpc(y, new GossipRpc.Graft(Topic.TX), 0);
    return r;
  }

  @Test
  void aDeferredMessageWaitsForItsVerdictThenIsDeliveredAndForwarded() {
    final PeerId x = TestNodes.key(2).id();
    final PeerId y = TestNodes.key(3).id();
    final GossipRouter r = deferring(x, y);
    final GossipRpc.Publish m = new GossipRpc.Publish(Topic.TX, msg("later"));
    assertThat(r.onRpc(x, m, 1)).isEmpty();
    assertThat(r.pendingValidations()).isEqualTo(1);
    // A copy from another peer meanwhile is a duplicate, not a second validation.
    assertThat(r.onRpc(y, m, 2)).isEmpty();
    assertThat(r.pendingValidations()).isEqualTo(1);
    final List<RouterAction> out =
        r.completeValidation(MessageId.of(Topic.TX, msg("later")), Validation.ACCEPT, 3);
    assertThat(out)
        .anyMatch(a -> a instanceof RouterAction.Deliver d && d.from().equals(x))
        .noneMatch(a -> a instanceof RouterAction.Send s && s.peer().equals(x));
    assertThat(r.pendingValidations()).isZero();
    // A second verdict for the same message changes nothing.
    assertThat(r.completeValidation(MessageId.of(Topic.TX, msg("later")), Validation.ACCEPT, 4))
        .isEmpty();
  }

  @Test
  void aDeferredRejectionPenalisesTheSenderAndForwardsNothing() {
    final PeerId x = TestNodes.key(2).id();
    final PeerId y = TestNodes.key(3).id();
    final GossipRouter r = deferring(x, y);
    final double before = r.score(x).orElseThrow();
    r.onRpc(x, new GossipRpc.Publish(Topic.TX, msg("forged")), 1);
    assertThat(r.completeValidation(MessageId.of(Topic.TX, msg("forged")), Validation.REJECT, 2))
        .isEmpty();
    assertThat(r.score(x).orElseThrow()).isLessThan(before);
    r.onRpc(x, new GossipRpc.Publish(Topic.TX, msg("stale")), 3);
    assertThat(r.completeValidation(MessageId.of(Topic.TX, msg("stale")), Validation.IGNORE, 4))
        .isEmpty();
  }

  @Test
  void verdictsThatNeverComeAreGivenUp() {
    final PeerId x = TestNodes.key(2).id();
    final GossipRouter r = deferring(x, TestNodes.key(3).id());
    r.onRpc(x, new GossipRpc.Publish(Topic.TX, msg("lost verdict")), 0);
    r.heartbeat(GossipRouter.PENDING_TTL_MILLIS - 1);
    assertThat(r.pendingValidations()).isEqualTo(1);
    r.heartbeat(GossipRouter.PENDING_TTL_MILLIS);
    assertThat(r.pendingValidations()).isZero();
  }

  @Test
  void seenCacheForgetsAfterTtl() {
    final GossipRouter r = new GossipRouter(TestNodes.key(1).id(), P, 1);
    final PeerId x = TestNodes.key(2).id();
    r.addPeer(x, 0);
    r.subscribe(Topic.TX, MessageValidator.acceptAll());
    final GossipRpc.Publish m = new GossipRpc.Publish(Topic.TX, msg("again"));
    assertThat(r.onRpc(x, m, 0)).anyMatch(a -> a instanceof RouterAction.Deliver);
    r.heartbeat(P.seenTtlMillis() + 1);
    assertThat(r.onRpc(x, m, P.seenTtlMillis() + 2))
        .anyMatch(a -> a instanceof RouterAction.Deliver);
  }

  @Test
  void graylistedPeerCannotShedItsScoreByReconnecting() {
    final GossipRouter r = new GossipRouter(TestNodes.key(1).id(), P, 1);
    final PeerId x = TestNodes.key(2).id();
    r.addPeer(x, 0);
    r.subscribe(Topic.TX, (from, data) -> Validation.REJECT);
    for (int i = 0; i < 3; i++) {
      r.onRpc(x, new GossipRpc.Publish(Topic.TX, msg("junk" + i)), 1);
    }
    final double graylisted = r.score(x).orElseThrow();
    assertThat(graylisted).isLessThan(P.graylistThreshold());
    r.removePeer(x);
    assertThat(r.addPeer(x, 1000))
        .containsExactly(new RouterAction.Disconnect(x, "reconnected while graylisted"));
    assertThat(r.score(x).orElseThrow()).isEqualTo(graylisted);
    // Long after the retention window the peer starts over.
    r.removePeer(x);
    r.heartbeat(1000 + GossipRouter.RETAIN_SCORE_MILLIS);
    r.addPeer(x, 1000 + GossipRouter.RETAIN_SCORE_MILLIS);
    assertThat(r.score(x).orElseThrow()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void publishingWithNoPeersDoesNotPoisonTheSeenCache() {
    final GossipRouter r = new GossipRouter(TestNodes.key(1).id(), P, 1);
    r.subscribe(Topic.VOTE, MessageValidator.acceptAll());
    assertThat(r.publish(Topic.VOTE, msg("early vote"), 0)).isEmpty();
    final PeerId x = TestNodes.key(2).id();
    r.addPeer(x, 10);
    r.onRpc(x, new GossipRpc.Subscribe(Topic.VOTE), 10);
    final List<RouterAction> out = r.publish(Topic.VOTE, msg("early vote"), 20);
    assertThat(out).hasSize(1);
    final RouterAction.Send send = (RouterAction.Send) out.getFirst();
    assertThat(send.peer()).isEqualTo(x);
    assertThat(((GossipRpc.Publish) send.rpc()).data()).isEqualTo(msg("early vote"));
  }
}
