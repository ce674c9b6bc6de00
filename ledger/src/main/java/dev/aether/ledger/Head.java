package dev.aether.ledger;

import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * The last committed block: what a restarted node resumes from.
 *
 * @param height its height (0 = genesis)
 * @param blockId its header id (for genesis, the genesis id)
 * @param stateRoot the state root after it
 */
public record Head(long height, H256 blockId, H256 stateRoot) {
  public static final Codec<Head> CODEC =
      new Codec<>() {
        @Override
        public void write(Head v, Writer out) {
          out.u64(v.height);
          H256.CODEC.write(v.blockId, out);
          H256.CODEC.write(v.stateRoot, out);
        }

        @Override
        public Head read(Reader in) {
          return new Head(in.u64("Head height"), H256.CODEC.read(in), H256.CODEC.read(in));
        }
      };
}
