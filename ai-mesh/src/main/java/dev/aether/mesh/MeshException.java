package dev.aether.mesh;

/**
 * Every error the AI mesh reports for input it was given (a model file, a job input, a receipt) and
 * for the provider's TEE. Each kind has a stable {@link #code()} that the CLI and RPC show.
 */
public abstract sealed class MeshException extends RuntimeException {
  private final String code;

  private MeshException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** Stable machine-readable code, e.g. {@code mesh.model_hash_mismatch}. */
  public String code() {
    return code;
  }

  /** A weights file or manifest that is malformed or not canonical. */
  public static final class BadModel extends MeshException {
    public BadModel(String message) {
      super("mesh.bad_model", message, null);
    }
  }

  /** A weights file whose SHA-256 is not the hash it was asked for under. */
  public static final class ModelHashMismatch extends MeshException {
    public ModelHashMismatch(String message) {
      super("mesh.model_hash_mismatch", message, null);
    }
  }

  /** No model with that name or hash in the registry. */
  public static final class UnknownModel extends MeshException {
    public UnknownModel(String message) {
      super("mesh.unknown_model", message, null);
    }
  }

  /** A job input the model cannot read. */
  public static final class BadInput extends MeshException {
    public BadInput(String message) {
      super("mesh.bad_input", message, null);
    }
  }

  /** A receipt or challenge message that cannot be parsed. */
  public static final class BadReceipt extends MeshException {
    public BadReceipt(String message, Throwable cause) {
      super("mesh.bad_receipt", message, cause);
    }
  }

  /** A failure of the commitment library or of I/O beneath the mesh. */
  public static final class Internal extends MeshException {
    public Internal(String message, Throwable cause) {
      super("mesh.internal", message, cause);
    }
  }

  /** No TEE interface to ask (no configfs-tsm provider, no device, no permission to use it). */
  public static final class TeeUnavailable extends MeshException {
    public TeeUnavailable(String message, Throwable cause) {
      super("mesh.tee_unavailable", message, cause);
    }
  }

  /**
   * The TEE interface answered with an error or with evidence that does not parse, or its report
   * kept changing under us (configfs-tsm generation).
   */
  public static final class TeeFailed extends MeshException {
    public TeeFailed(String message, Throwable cause) {
      super("mesh.tee_failed", message, cause);
    }
  }

  /** configfs-tsm's provider names a TEE Aether does not verify, or another than configured. */
  public static final class TeeUnknownProvider extends MeshException {
    public TeeUnknownProvider(String message) {
      super("mesh.tee_unknown_provider", message, null);
    }
  }

  /** The evidence's REPORT_DATA is not the binding the provider asked to be quoted. */
  public static final class TeeReportDataMismatch extends MeshException {
    public TeeReportDataMismatch(String message) {
      super("mesh.tee_report_data_mismatch", message, null);
    }
  }

  /**
   * The provider may not attest this way: the development TEE on a chain that does not allow it, or
   * hardware evidence that the chain's policy would refuse.
   */
  public static final class TeeRefused extends MeshException {
    public TeeRefused(String message) {
      super("mesh.tee_refused", message, null);
    }
  }
}
