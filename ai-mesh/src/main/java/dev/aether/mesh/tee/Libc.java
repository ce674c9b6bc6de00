package dev.aether.mesh.tee;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The three libc calls {@code /dev/sev-guest} needs — {@code open}, {@code ioctl}, {@code close} —
 * through the Foreign Function &amp; Memory API (no JNI, no native library of our own), each
 * capturing {@code errno}. Linux only; the handles are made on first use.
 */
final class Libc {
  static final int O_RDWR = 2;

  /** 02000000 on x86-64 and arm64 alike. */
  static final int O_CLOEXEC = 0x80000;

  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  /** A failed call: the libc function, its errno and errno's name. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final int errno;

    Failure(String call, int errno) {
      super(call + " failed: errno " + errno + " (" + name(errno) + ")");
      this.errno = errno;
    }
  }

  private final MethodHandle open;
  private final MethodHandle ioctl;
  private final MethodHandle close;

  Libc() {
    Linker linker = Linker.nativeLinker();
    Linker.Option errno = Linker.Option.captureCallState("errno");
    var libc = linker.defaultLookup();
    // int open(const char *path, int flags, ...) and int ioctl(int fd, unsigned long req, ...) are
    // variadic: the linker must know where the variadic part starts (it sets %al on x86-64).
    this.open =
        linker.downcallHandle(
            libc.findOrThrow("open"),
            FunctionDescriptor.of(
                ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT),
            errno,
            Linker.Option.firstVariadicArg(2));
    this.ioctl =
        linker.downcallHandle(
            libc.findOrThrow("ioctl"),
            FunctionDescriptor.of(
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS),
            errno,
            Linker.Option.firstVariadicArg(2));
    this.close =
        linker.downcallHandle(
            libc.findOrThrow("close"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  }

  /** {@code open(path, flags)}: the file descriptor. */
  int open(String path, int flags) throws Failure {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment state = a.allocate(CALL_STATE);
      int fd = (int) open.invokeExact(state, a.allocateFrom(path), flags, 0);
      if (fd < 0) {
        throw new Failure("open(" + path + ")", errno(state));
      }
      return fd;
    } catch (Failure f) {
      throw f;
    } catch (Throwable t) {
      throw new IllegalStateException("open downcall", t);
    }
  }

  /** {@code ioctl(fd, request, arg)}. */
  void ioctl(int fd, long request, MemorySegment arg, String what) throws Failure {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment state = a.allocate(CALL_STATE);
      int rc = (int) ioctl.invokeExact(state, fd, request, arg);
      if (rc < 0) {
        throw new Failure("ioctl " + what, errno(state));
      }
    } catch (Failure f) {
      throw f;
    } catch (Throwable t) {
      throw new IllegalStateException("ioctl downcall", t);
    }
  }

  /** {@code close(fd)}; a failure changes nothing the caller could act on. */
  void close(int fd) {
    try {
      int ignored = (int) close.invokeExact(fd);
    } catch (Throwable t) {
      throw new IllegalStateException("close downcall", t);
    }
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /** The Linux name of the errno values these calls return. */
  static String name(int errno) {
    return switch (errno) {
      case 1 -> "EPERM";
      case 2 -> "ENOENT";
      case 5 -> "EIO";
      case 6 -> "ENXIO";
      case 9 -> "EBADF";
      case 13 -> "EACCES";
      case 14 -> "EFAULT";
      case 16 -> "EBUSY";
      case 19 -> "ENODEV";
      case 22 -> "EINVAL";
      case 25 -> "ENOTTY";
      default -> "errno " + errno;
    };
  }
}
