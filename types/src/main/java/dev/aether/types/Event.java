package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/** A log entry emitted by a program during a transaction, kept in its receipt. */
public record Event(H256 emitter, Bytes topic, Bytes data) {
  public static final int MAX_TOPIC = 64;
  public static final int MAX_DATA = 4096;
  private static final Codec<Bytes> TOPIC = Bytes.codec("Event topic", MAX_TOPIC);
  private static final Codec<Bytes> DATA = Bytes.codec("Event data", MAX_DATA);

  public static final Codec<Event> CODEC =
      new Codec<>() {
        @Override
        public void write(Event v, Writer out) {
          H256.CODEC.write(v.emitter, out);
          TOPIC.write(v.topic, out);
          DATA.write(v.data, out);
        }

        @Override
        public Event read(Reader in) {
          return new Event(H256.CODEC.read(in), TOPIC.read(in), DATA.read(in));
        }
      };

  public Event {
    java.util.Objects.requireNonNull(emitter, "emitter");
    if (topic.length() > MAX_TOPIC || data.length() > MAX_DATA) {
      throw new IllegalArgumentException("event topic/data over limit");
    }
  }
}
