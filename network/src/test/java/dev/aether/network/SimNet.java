package dev.aether.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * In-memory harness for {@link GossipRouter}s: actions are delivered in FIFO order through a queue,
 * time advances only when told. Lets router tests run exactly, without sockets.
 */
final class SimNet {
  final List<PeerId> ids = new ArrayList<>();
  final Map<PeerId, GossipRouter> routers = new HashMap<>();
  final Map<PeerId, List<byte[]>> delivered = new HashMap<>();
  final Map<PeerId, Integer> sentPublishes = new HashMap<>();
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  long now;

  SimNet(final int n, final GossipParams params) {
    for (int i = 0; i < n; i++) {
      final PeerId id = TestNodes.key(100 + i).id();
      ids.add(id);
      routers.put(id, new GossipRouter(id, params, 1000 + i));
      delivered.put(id, new ArrayList<>());
    }
  }

  void connect(final int a, final int b) {
    final PeerId x = ids.get(a);
    final PeerId y = ids.get(b);
    enqueue(x, routers.get(x).addPeer(y, now));
    enqueue(y, routers.get(y).addPeer(x, now));
  }

  void connectAll() {
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        connect(i, j);
      }
    }
  }

  void subscribeAll(final Topic t, final MessageValidator v) {
    for (final PeerId id : ids) {
      enqueue(id, routers.get(id).subscribe(t, v));
    }
  }

  void enqueue(final PeerId from, final List<RouterAction> actions) {
    for (final RouterAction a : actions) {
      switch (a) {
        case RouterAction.Send s -> {
          if (s.rpc() instanceof GossipRpc.Publish) {
            sentPublishes.merge(from, 1, Integer::sum);
          }
          queue.add(
              () -> {
                final GossipRouter r = routers.get(s.peer());
                if (r != null) {
                  enqueue(s.peer(), r.onRpc(from, s.rpc(), now));
                }
              });
        }
        case RouterAction.Deliver d -> delivered.get(from).add(d.data());
        case RouterAction.Disconnect d -> {
          routers.get(from).removePeer(d.peer());
          routers.get(d.peer()).removePeer(from);
        }
      }
    }
  }

  /** Delivers until the queue is empty, or only sends passing {@code filter}. */
  void run() {
    int steps = 0;
    while (!queue.isEmpty()) {
      queue.poll().run();
      if (++steps > 1_000_000) {
        throw new AssertionError("message storm");
      }
    }
  }

  void heartbeats(final int n, final long interval) {
    for (int i = 0; i < n; i++) {
      now += interval;
      for (final PeerId id : ids) {
        enqueue(id, routers.get(id).heartbeat(now));
      }
      run();
    }
  }

  int receivedCount(final byte[] data, final Predicate<PeerId> which) {
    int c = 0;
    for (final PeerId id : ids) {
      if (which.test(id)
          && delivered.get(id).stream().anyMatch(d -> java.util.Arrays.equals(d, data))) {
        c++;
      }
    }
    return c;
  }
}
