package dev.aether.network;

import java.net.InetSocketAddress;

/**
 * Where to reach a peer and which key it must prove: written {@code <64 hex>@host:port}, the form
 * bootnodes take in config.
 *
 * @param id the node key the peer must prove in the handshake
 * @param host IP address or host name
 * @param port UDP port
 */
public record PeerAddress(PeerId id, String host, int port) {
  public PeerAddress {
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (host.isEmpty() || host.length() > 255) {
      throw new IllegalArgumentException("bad host");
    }
  }

  /**
   * Parses {@code <64 hex>@host:port}.
   *
   * @throws NetworkException {@link NetworkError.BadAddress} on any malformed part
   */
  public static PeerAddress parse(final String s) throws NetworkException {
    final int at = s.indexOf('@');
    final int colon = s.lastIndexOf(':');
    if (at != 64 || colon <= at + 1) {
      throw new NetworkException(new NetworkError.BadAddress(s));
    }
    try {
      return new PeerAddress(
          PeerId.fromHex(s.substring(0, at)),
          s.substring(at + 1, colon),
          Integer.parseInt(s.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new NetworkException(new NetworkError.BadAddress(s));
    }
  }

  InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return id.toHex() + "@" + host + ":" + port;
  }
}
