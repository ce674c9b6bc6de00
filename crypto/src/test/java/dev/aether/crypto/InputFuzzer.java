package dev.aether.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Seeded mutation fuzzer for the KZG and BLS input paths. Starting from valid inputs (a blob, its
 * commitment and proofs; keys, messages, signatures, aggregates, a proof of possession) it mutates
 * one part at a time — bit flips, byte edits, compression/infinity/sign flag bits, canonical
 * special encodings (zero, infinity, the field modulus), field elements at or above the modulus,
 * lengths, list order and size — and records a {@link Violation} whenever a call
 *
 * <ul>
 *   <li>throws anything other than {@link CryptoException} (verifiers and parsers alike), or
 *   <li>accepts an input that differs from the valid one (a verifier answers true, a computation
 *       gives the valid input's result, a mutated key decodes to the original key).
 * </ul>
 *
 * A run is reproducible from its seed; each violation names the seed, the iteration and the
 * mutation.
 */
final class InputFuzzer {

  /** One broken promise, with what is needed to replay it. */
  record Violation(String target, long seed, int iteration, String mutation, String what) {}

  private enum Outcome {
    ACCEPT,
    REJECT,
    REFUSED
  }

  /** The BLS12-381 base field modulus p (G1/G2 coordinates), big-endian, 48 bytes. */
  private static final byte[] P_BE =
      unsigned(
          new BigInteger(
              "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
              16),
          48);

  /** The scalar field modulus r, big-endian, 32 bytes. */
  private static final byte[] R_BE = unsigned(Bls.R, 32);

  private final long seed;
  private final Random rnd;
  private boolean stopAtFirst;
  private final List<Violation> violations = new ArrayList<>();
  private int iteration;
  private String target = "";
  private String mutation = "";

  InputFuzzer(final long seed) {
    this.seed = seed;
    this.rnd = new Random(seed);
  }

  List<Violation> violations() {
    return violations;
  }

  /** Ends a run at its first violation (for showing that a broken implementation is caught). */
  InputFuzzer stopAtFirstViolation() {
    this.stopAtFirst = true;
    return this;
  }

  private boolean done(final int iterations) {
    return iteration >= iterations || (stopAtFirst && !violations.isEmpty());
  }

  private static byte[] unsigned(final BigInteger v, final int len) {
    final byte[] raw = v.toByteArray();
    final byte[] out = new byte[len];
    final int n = Math.min(len, raw.length);
    System.arraycopy(raw, raw.length - n, out, len - n, n);
    return out;
  }

  // ---------------------------------------------------------------- mutations

  /** A mutated copy of a compressed curve point (48 or 96 bytes). */
  byte[] mutatePoint(final byte[] valid) {
    final byte[] b = valid.clone();
    switch (rnd.nextInt(9)) {
      case 0 -> {
        final int bit = rnd.nextInt(b.length * 8);
        b[bit >> 3] ^= (byte) (1 << (bit & 7));
        mutation = "flip bit " + bit;
      }
      case 1 -> {
        final int i = rnd.nextInt(b.length);
        b[i] = (byte) rnd.nextInt(256);
        mutation = "set byte " + i + " to " + (b[i] & 0xFF);
      }
      case 2 -> {
        final int flag = new int[] {0x80, 0x40, 0x20}[rnd.nextInt(3)];
        b[0] ^= (byte) flag;
        mutation = "toggle flag 0x" + Integer.toHexString(flag);
      }
      case 3 -> {
        Arrays.fill(b, (byte) 0);
        b[0] = (byte) 0xC0;
        mutation = "infinity encoding";
      }
      case 4 -> {
        Arrays.fill(b, (byte) 0);
        mutation = "all zero";
      }
      case 5 -> {
        Arrays.fill(b, (byte) 0xFF);
        mutation = "all ones";
      }
      case 6 -> {
        // x = p (not canonical), compressed flag set; G2 points put it in either half.
        Arrays.fill(b, (byte) 0);
        final int at = b.length == 96 && rnd.nextBoolean() ? 48 : 0;
        System.arraycopy(P_BE, 0, b, at, 48);
        b[0] |= (byte) 0x80;
        mutation = "x = p at " + at;
      }
      case 7 -> {
        final int n = 2 + rnd.nextInt(7);
        for (int k = 0; k < n; k++) {
          b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        }
        mutation = n + " random byte edits";
      }
      default -> {
        final int i = rnd.nextInt(b.length);
        final int j = rnd.nextInt(b.length);
        final byte t = b[i];
        b[i] = b[j];
        b[j] = t;
        mutation = "swap bytes " + i + "," + j;
      }
    }
    return maybeResize(b);
  }

  /** A mutated copy of a 32-byte big-endian field element. */
  byte[] mutateFieldElement(final byte[] valid) {
    final byte[] b = valid.clone();
    switch (rnd.nextInt(5)) {
      case 0 -> {
        final int bit = rnd.nextInt(256);
        b[bit >> 3] ^= (byte) (1 << (bit & 7));
        mutation = "flip bit " + bit;
      }
      case 1 -> {
        final BigInteger r = new BigInteger(1, R_BE);
        final BigInteger v =
            switch (rnd.nextInt(4)) {
              case 0 -> r;
              case 1 -> r.add(BigInteger.ONE);
              case 2 -> BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
              default -> r.add(new BigInteger(1, valid)).mod(BigInteger.TWO.pow(256));
            };
        System.arraycopy(unsigned(v, 32), 0, b, 0, 32);
        mutation = "value " + v.toString(16);
      }
      case 2 -> {
        final int i = rnd.nextInt(32);
        b[i] = (byte) rnd.nextInt(256);
        mutation = "set byte " + i;
      }
      case 3 -> {
        final BigInteger v =
            new BigInteger(1, valid).add(BigInteger.ONE).mod(new BigInteger(1, R_BE));
        System.arraycopy(unsigned(v, 32), 0, b, 0, 32);
        mutation = "value + 1";
      }
      default -> {
        Arrays.fill(b, (byte) 0);
        mutation = "zero";
      }
    }
    return maybeResize(b);
  }

  /** A mutated copy of a blob: one element changed (possibly above the modulus), or any byte. */
  byte[] mutateBlob(final byte[] valid) {
    final byte[] b = valid.clone();
    final int element = rnd.nextInt(Blob.FIELD_ELEMENTS);
    if (rnd.nextBoolean()) {
      final byte[] fe =
          mutateFieldElement(Arrays.copyOfRange(valid, element * 32, element * 32 + 32));
      if (fe.length != 32) {
        return fe.length < 32 ? Arrays.copyOf(b, b.length - 1) : Arrays.copyOf(b, b.length + 1);
      }
      System.arraycopy(fe, 0, b, element * 32, 32);
      mutation = "element " + element + ": " + mutation;
    } else if (rnd.nextInt(4) == 0) {
      final int other = rnd.nextInt(Blob.FIELD_ELEMENTS);
      for (int k = 0; k < 32; k++) {
        final byte t = b[element * 32 + k];
        b[element * 32 + k] = b[other * 32 + k];
        b[other * 32 + k] = t;
      }
      mutation = "swap elements " + element + "," + other;
    } else {
      final int bit = rnd.nextInt(b.length * 8);
      b[bit >> 3] ^= (byte) (1 << (bit & 7));
      mutation = "flip blob bit " + bit;
    }
    return b;
  }

  byte[] mutateMessage(final byte[] valid) {
    switch (rnd.nextInt(3)) {
      case 0 -> {
        if (valid.length == 0) {
          mutation = "message + 1 byte";
          return new byte[] {1};
        }
        final byte[] b = valid.clone();
        final int bit = rnd.nextInt(b.length * 8);
        b[bit >> 3] ^= (byte) (1 << (bit & 7));
        mutation = "message bit " + bit;
        return b;
      }
      case 1 -> {
        mutation = "message + 1 byte";
        return Arrays.copyOf(valid, valid.length + 1);
      }
      default -> {
        mutation = "empty message";
        return new byte[0];
      }
    }
  }

  /** One time in twelve, cut or extend by one byte: the value types must refuse the length. */
  private byte[] maybeResize(final byte[] b) {
    if (rnd.nextInt(12) != 0) {
      return b;
    }
    mutation += rnd.nextBoolean() ? ", cut" : ", extended";
    return mutation.endsWith("cut")
        ? Arrays.copyOf(b, b.length - 1)
        : Arrays.copyOf(b, b.length + 1);
  }

  // ---------------------------------------------------------------- checks

  private Outcome outcome(final Callable<Boolean> call) {
    try {
      return call.call() ? Outcome.ACCEPT : Outcome.REJECT;
    } catch (CryptoException e) {
      if (e.error() == null || e.error().code() == null) {
        violate("CryptoException without an error code");
      }
      return Outcome.REFUSED;
    } catch (Throwable t) { // the point: nothing but the module's typed error may escape
      violate("threw " + t);
      return Outcome.REFUSED;
    }
  }

  /** A verifier call on inputs that differ from the valid ones iff {@code mutated}. */
  private void expect(final boolean mutated, final Callable<Boolean> call) {
    final Outcome o = outcome(call);
    if (mutated && o == Outcome.ACCEPT) {
      violate("accepted a mutated input");
    }
    if (!mutated && o != Outcome.ACCEPT) {
      violate("refused the valid input (" + o + ")");
    }
  }

  private void violate(final String what) {
    violations.add(new Violation(target, seed, iteration, mutation, what));
  }

  // ---------------------------------------------------------------- KZG

  /** Valid KZG inputs: two blobs, their commitments and blob proofs, one point opening. */
  record KzgFixture(
      byte[] blob,
      byte[] commitment,
      byte[] blobProof,
      byte[] z,
      byte[] y,
      byte[] proof,
      byte[] blob2,
      byte[] commitment2,
      byte[] blobProof2) {

    static KzgFixture make(final Kzg kzg, final long seed) {
      final Random r = new Random(seed);
      final Blob b1 = Blob.of(randomBlob(r));
      final Blob b2 = Blob.of(randomBlob(r));
      final KzgCommitment c1 = kzg.blobToCommitment(b1);
      final KzgCommitment c2 = kzg.blobToCommitment(b2);
      final byte[] z = new byte[32];
      r.nextBytes(z);
      z[0] &= 0x3F; // below r
      final KzgProofAndY py = kzg.computeProof(b1, new KzgFieldElement(z));
      return new KzgFixture(
          b1.bytes(),
          c1.bytes(),
          kzg.computeBlobProof(b1, c1).bytes(),
          z,
          py.y().bytes(),
          py.proof().bytes(),
          b2.bytes(),
          c2.bytes(),
          kzg.computeBlobProof(b2, c2).bytes());
    }

    private static byte[] randomBlob(final Random r) {
      final byte[] b = new byte[Blob.LENGTH];
      r.nextBytes(b);
      for (int i = 0; i < Blob.FIELD_ELEMENTS; i++) {
        b[i * 32] &= 0x3F; // every element below r (r > 2^254)
      }
      return b;
    }
  }

  void fuzzKzg(final Kzg kzg, final KzgFixture f, final int iterations) {
    // The valid inputs are accepted (otherwise every "rejected" below would prove nothing).
    target = "kzg valid";
    mutation = "none";
    expect(
        false, () -> kzg.verifyProof(commitment(f.commitment), fe(f.z), fe(f.y), proof(f.proof)));
    expect(
        false,
        () -> kzg.verifyBlobProof(Blob.of(f.blob), commitment(f.commitment), proof(f.blobProof)));
    expect(
        false,
        () ->
            kzg.verifyBlobProofBatch(
                List.of(Blob.of(f.blob), Blob.of(f.blob2)),
                List.of(commitment(f.commitment), commitment(f.commitment2)),
                List.of(proof(f.blobProof), proof(f.blobProof2))));
    // Computing commitments and proofs costs ~50 ms a call, verifying ~2 ms: weight accordingly.
    for (iteration = 0; !done(iterations); iteration++) {
      switch (rnd.nextInt(10)) {
        case 0, 1, 2 -> fuzzVerifyProof(kzg, f);
        case 3, 4, 5 -> fuzzVerifyBlobProof(kzg, f);
        case 6, 7 -> fuzzBatch(kzg, f);
        case 8 -> fuzzBlobToCommitment(kzg, f);
        default -> fuzzComputeProof(kzg, f);
      }
    }
  }

  private static KzgCommitment commitment(final byte[] b) {
    return new KzgCommitment(b);
  }

  private static KzgProof proof(final byte[] b) {
    return new KzgProof(b);
  }

  private static KzgFieldElement fe(final byte[] b) {
    return new KzgFieldElement(b);
  }

  private void fuzzVerifyProof(final Kzg kzg, final KzgFixture f) {
    byte[] c = f.commitment;
    byte[] z = f.z;
    byte[] y = f.y;
    byte[] p = f.proof;
    switch (rnd.nextInt(4)) {
      case 0 -> c = mutatePoint(c);
      case 1 -> z = mutateFieldElement(z);
      case 2 -> y = mutateFieldElement(y);
      default -> p = mutatePoint(p);
    }
    target = "kzg verifyProof";
    final boolean mutated =
        !Arrays.equals(c, f.commitment)
            || !Arrays.equals(z, f.z)
            || !Arrays.equals(y, f.y)
            || !Arrays.equals(p, f.proof);
    final byte[] cc = c;
    final byte[] zz = z;
    final byte[] yy = y;
    final byte[] pp = p;
    expect(mutated, () -> kzg.verifyProof(commitment(cc), fe(zz), fe(yy), proof(pp)));
  }

  private void fuzzVerifyBlobProof(final Kzg kzg, final KzgFixture f) {
    byte[] b = f.blob;
    byte[] c = f.commitment;
    byte[] p = f.blobProof;
    switch (rnd.nextInt(3)) {
      case 0 -> b = mutateBlob(b);
      case 1 -> c = mutatePoint(c);
      default -> p = mutatePoint(p);
    }
    target = "kzg verifyBlobProof";
    final boolean mutated =
        !Arrays.equals(b, f.blob)
            || !Arrays.equals(c, f.commitment)
            || !Arrays.equals(p, f.blobProof);
    final byte[] bb = b;
    final byte[] cc = c;
    final byte[] pp = p;
    expect(mutated, () -> kzg.verifyBlobProof(Blob.of(bb), commitment(cc), proof(pp)));
  }

  private void fuzzBatch(final Kzg kzg, final KzgFixture f) {
    final List<byte[]> blobs = new ArrayList<>(List.of(f.blob, f.blob2));
    final List<byte[]> cs = new ArrayList<>(List.of(f.commitment, f.commitment2));
    final List<byte[]> ps = new ArrayList<>(List.of(f.blobProof, f.blobProof2));
    final int i = rnd.nextInt(2);
    boolean mutated = true;
    switch (rnd.nextInt(6)) {
      case 0 -> blobs.set(i, mutateBlob(blobs.get(i)));
      case 1 -> cs.set(i, mutatePoint(cs.get(i)));
      case 2 -> ps.set(i, mutatePoint(ps.get(i)));
      case 3 -> {
        ps.set(0, f.blobProof2);
        ps.set(1, f.blobProof);
        mutation = "proofs swapped";
      }
      case 4 -> {
        cs.set(0, f.commitment2);
        cs.set(1, f.commitment);
        mutation = "commitments swapped";
      }
      default -> {
        ps.remove(i);
        mutation = "one proof dropped (sizes differ)";
      }
    }
    mutated =
        mutated
            && !(Arrays.equals(blobs.get(0), f.blob)
                && Arrays.equals(blobs.get(1), f.blob2)
                && cs.size() == 2
                && Arrays.equals(cs.get(0), f.commitment)
                && Arrays.equals(cs.get(1), f.commitment2)
                && ps.size() == 2
                && Arrays.equals(ps.get(0), f.blobProof)
                && Arrays.equals(ps.get(1), f.blobProof2));
    target = "kzg verifyBlobProofBatch";
    expect(
        mutated,
        () ->
            kzg.verifyBlobProofBatch(
                blobs.stream().map(Blob::of).toList(),
                cs.stream().map(KzgCommitment::new).toList(),
                ps.stream().map(KzgProof::new).toList()));
  }

  private void fuzzBlobToCommitment(final Kzg kzg, final KzgFixture f) {
    final byte[] b = mutateBlob(f.blob);
    target = "kzg blobToCommitment";
    final boolean mutated = !Arrays.equals(b, f.blob);
    expect(mutated, () -> Arrays.equals(kzg.blobToCommitment(Blob.of(b)).bytes(), f.commitment));
  }

  private void fuzzComputeProof(final Kzg kzg, final KzgFixture f) {
    final byte[] z = mutateFieldElement(f.z);
    target = "kzg computeProof";
    final boolean mutated = !Arrays.equals(z, f.z);
    // A mutated opening point yields another (y, proof), never the one for z.
    expect(
        mutated,
        () -> {
          final KzgProofAndY py = kzg.computeProof(Blob.of(f.blob), fe(z));
          return Arrays.equals(py.proof().bytes(), f.proof) && Arrays.equals(py.y().bytes(), f.y);
        });
  }

  // ---------------------------------------------------------------- BLS

  /** Valid BLS inputs: three keys, one message signed by all, three messages, a PoP. */
  record BlsFixture(
      byte[] sk0,
      List<byte[]> pks,
      byte[] msg,
      byte[] sig0,
      List<byte[]> sigs,
      byte[] aggSig,
      List<byte[]> msgs,
      byte[] multiSig,
      byte[] pop0) {

    static BlsFixture make(final BlsAggregator bls, final long seed) {
      final Random r = new Random(seed);
      final List<BlsSecretKey> sks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        final byte[] ikm = new byte[32];
        r.nextBytes(ikm);
        sks.add(BlsSecretKey.fromSeed(ikm));
      }
      final byte[] msg = "fuzz the vote".getBytes(StandardCharsets.UTF_8);
      final List<byte[]> sigs = sks.stream().map(k -> k.sign(msg).bytes()).toList();
      final List<byte[]> msgs = List.of(new byte[] {1}, new byte[] {2, 2}, new byte[0]);
      final List<BlsSignature> multi = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        multi.add(sks.get(i).sign(msgs.get(i)));
      }
      return new BlsFixture(
          sks.get(0).toBytes(),
          sks.stream().map(k -> k.publicKey().bytes()).toList(),
          msg,
          sigs.get(0),
          sigs,
          bls.aggregate(sigs.stream().map(BlsSignature::new).toList()).bytes(),
          msgs,
          bls.aggregate(multi).bytes(),
          sks.get(0).provePossession().bytes());
    }
  }

  void fuzzBls(final BlsAggregator bls, final BlsFixture f, final int iterations) {
    target = "bls valid";
    mutation = "none";
    expect(false, () -> bls.verify(pk(f.pks.get(0)), f.msg, sig(f.sig0)));
    expect(false, () -> bls.fastAggregateVerify(pks(f.pks), f.msg, sig(f.aggSig)));
    expect(false, () -> bls.aggregateVerify(pks(f.pks), f.msgs, sig(f.multiSig)));
    expect(false, () -> bls.verifyPossession(pk(f.pks.get(0)), sig(f.pop0)));
    for (iteration = 0; !done(iterations); iteration++) {
      switch (rnd.nextInt(7)) {
        case 0 -> fuzzVerify(bls, f);
        case 1 -> fuzzFastAggregate(bls, f);
        case 2 -> fuzzAggregateVerify(bls, f);
        case 3 -> fuzzPossession(bls, f);
        case 4 -> fuzzAggregate(bls, f);
        case 5 -> fuzzSecretKey(f);
        default -> fuzzPrepared(bls, f);
      }
    }
  }

  private static BlsPublicKey pk(final byte[] b) {
    return new BlsPublicKey(b);
  }

  private static BlsSignature sig(final byte[] b) {
    return new BlsSignature(b);
  }

  private static List<BlsPublicKey> pks(final List<byte[]> l) {
    return l.stream().map(BlsPublicKey::new).toList();
  }

  private void fuzzVerify(final BlsAggregator bls, final BlsFixture f) {
    byte[] pk = f.pks.get(0);
    byte[] msg = f.msg;
    byte[] s = f.sig0;
    switch (rnd.nextInt(3)) {
      case 0 -> pk = mutatePoint(pk);
      case 1 -> msg = mutateMessage(msg);
      default -> s = mutatePoint(s);
    }
    target = "bls verify";
    final boolean mutated =
        !Arrays.equals(pk, f.pks.get(0)) || !Arrays.equals(msg, f.msg) || !Arrays.equals(s, f.sig0);
    final byte[] p = pk;
    final byte[] m = msg;
    final byte[] ss = s;
    expect(mutated, () -> bls.verify(pk(p), m, sig(ss)));
  }

  private void fuzzFastAggregate(final BlsAggregator bls, final BlsFixture f) {
    final List<byte[]> keys = new ArrayList<>(f.pks);
    byte[] s = f.aggSig;
    byte[] msg = f.msg;
    final int i = rnd.nextInt(keys.size());
    switch (rnd.nextInt(6)) {
      case 0 -> keys.set(i, mutatePoint(keys.get(i)));
      case 1 -> {
        keys.remove(i);
        mutation = "key " + i + " dropped";
      }
      case 2 -> {
        keys.add(keys.get(i));
        mutation = "key " + i + " twice";
      }
      case 3 -> s = mutatePoint(s);
      case 4 -> msg = mutateMessage(msg);
      default -> {
        keys.clear();
        mutation = "no keys";
      }
    }
    target = "bls fastAggregateVerify";
    final boolean mutated =
        !(sameList(keys, f.pks) && Arrays.equals(s, f.aggSig) && Arrays.equals(msg, f.msg));
    final byte[] ss = s;
    final byte[] m = msg;
    expect(mutated, () -> bls.fastAggregateVerify(pks(keys), m, sig(ss)));
  }

  private void fuzzAggregateVerify(final BlsAggregator bls, final BlsFixture f) {
    final List<byte[]> keys = new ArrayList<>(f.pks);
    final List<byte[]> msgs = new ArrayList<>(f.msgs);
    byte[] s = f.multiSig;
    final int i = rnd.nextInt(keys.size());
    switch (rnd.nextInt(5)) {
      case 0 -> keys.set(i, mutatePoint(keys.get(i)));
      case 1 -> msgs.set(i, mutateMessage(msgs.get(i)));
      case 2 -> {
        msgs.set(0, f.msgs.get(1));
        msgs.set(1, f.msgs.get(0));
        mutation = "messages 0 and 1 swapped";
      }
      case 3 -> {
        msgs.remove(i);
        mutation = "message " + i + " dropped";
      }
      default -> s = mutatePoint(s);
    }
    target = "bls aggregateVerify";
    final boolean mutated =
        !(sameList(keys, f.pks) && sameList(msgs, f.msgs) && Arrays.equals(s, f.multiSig));
    final byte[] ss = s;
    expect(mutated, () -> bls.aggregateVerify(pks(keys), msgs, sig(ss)));
  }

  private void fuzzPossession(final BlsAggregator bls, final BlsFixture f) {
    byte[] pk = f.pks.get(0);
    byte[] pop = f.pop0;
    if (rnd.nextBoolean()) {
      pk = mutatePoint(pk);
    } else {
      pop = mutatePoint(pop);
    }
    target = "bls verifyPossession";
    final boolean mutated = !Arrays.equals(pk, f.pks.get(0)) || !Arrays.equals(pop, f.pop0);
    final byte[] p = pk;
    final byte[] pp = pop;
    expect(mutated, () -> bls.verifyPossession(pk(p), sig(pp)));
  }

  /** Aggregating a mutated signature is refused, or gives a sum that does not verify. */
  private void fuzzAggregate(final BlsAggregator bls, final BlsFixture f) {
    final List<byte[]> sigs = new ArrayList<>(f.sigs);
    final int i = rnd.nextInt(sigs.size());
    sigs.set(i, mutatePoint(sigs.get(i)));
    target = "bls aggregate";
    final boolean mutated = !sameList(sigs, f.sigs);
    expect(
        mutated,
        () -> {
          final BlsSignature sum = bls.aggregate(sigs.stream().map(BlsSignature::new).toList());
          return bls.fastAggregateVerify(pks(f.pks), f.msg, sum);
        });
  }

  /** A mutated secret key is refused, or is another key (its signature fails under pk0). */
  private void fuzzSecretKey(final BlsFixture f) {
    final byte[] sk = mutateFieldElement(f.sk0);
    target = "bls secret key";
    final boolean mutated = !Arrays.equals(sk, f.sk0);
    expect(
        mutated,
        () -> {
          try (BlsSecretKey k = BlsSecretKey.fromBytes(sk)) {
            return Arrays.equals(k.publicKey().bytes(), f.pks.get(0));
          }
        });
  }

  private void fuzzPrepared(final BlsAggregator bls, final BlsFixture f) {
    if (!(bls instanceof Bls real)) {
      return; // prepared keys exist on the blst implementation only
    }
    final byte[] pk = mutatePoint(f.pks.get(1));
    target = "bls prepare";
    final boolean mutated = !Arrays.equals(pk, f.pks.get(1));
    expect(
        mutated,
        () -> {
          final var prepared = real.prepare(pk(pk));
          if (prepared.isEmpty()) {
            return false;
          }
          return real.fastAggregateVerifyPrepared(
              List.of(
                  real.prepare(pk(f.pks.get(0))).orElseThrow(),
                  prepared.get(),
                  real.prepare(pk(f.pks.get(2))).orElseThrow()),
              f.msg,
              sig(f.aggSig));
        });
  }

  private static boolean sameList(final List<byte[]> a, final List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
