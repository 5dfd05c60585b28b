package org.datasharing.registry.core.sparql;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.jena.query.QueryCancelledException;

/**
 * One running query's deadline, cancel flag and size caps, checked from inside the work that Jena's
 * own timeout cannot reach: a single regular-expression match (through {@link #chars}),
 * string-building functions and big-number arithmetic ({@link GuardedExprs}).
 */
final class QueryGuard {
  /** Why a query was cancelled from outside. */
  enum Reason {
    /** Its caller stopped waiting at the timeout. */
    TIMEOUT,
    /** The heap ran short ({@link HeapPressure}): running queries are shed. */
    MEMORY
  }

  private final long deadline;
  private final int maxStringLength;
  private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
  private volatile boolean cancelled;
  private volatile Reason reason;

  QueryGuard(long timeoutNanos, int maxStringLength) {
    this.deadline = System.nanoTime() + timeoutNanos;
    this.maxStringLength = maxStringLength;
  }

  /** When the query's time is up, in {@link System#nanoTime()}'s terms. */
  long deadline() {
    return deadline;
  }

  /** Cancels the query: guarded work stops at its next check, and Jena's execution is aborted. */
  void cancel(Reason why) {
    if (reason == null) {
      reason = why;
    }
    cancelled = true;
    onCancel.forEach(Runnable::run);
  }

  /** Why the query was cancelled from outside, if it was (else it ran past its deadline). */
  Optional<Reason> reason() {
    return Optional.ofNullable(reason);
  }

  /** Runs {@code action} (e.g. aborting the execution) when the query is cancelled. */
  void whenCancelled(Runnable action) {
    onCancel.add(action);
    if (cancelled) {
      action.run();
    }
  }

  /** Throws {@link QueryCancelledException} once the query is cancelled or past its deadline. */
  void check() {
    if (cancelled || System.nanoTime() - deadline > 0) {
      cancelled = true;
      throw new QueryCancelledException();
    }
  }

  /**
   * The most digits of a number a query may compute with. Java's arbitrary-precision arithmetic
   * (and writing its result out) never checks for cancellation and costs more than linear time, so
   * this cap is far below the string cap.
   */
  static final int MAX_DIGITS = 10_000;

  /** Refuses a string the query is about to build when it would be longer than the cap. */
  void checkLength(long length) {
    if (length > maxStringLength) {
      throw new TooLarge("a string longer than " + maxStringLength + " characters");
    }
  }

  /** Refuses a number the query is about to compute when it would have more than MAX_DIGITS. */
  void checkDigits(double digits) {
    if (digits > MAX_DIGITS) {
      throw new TooLarge("a number with more than " + MAX_DIGITS + " digits");
    }
  }

  int maxStringLength() {
    return maxStringLength;
  }

  /** The text as a matcher sees it, checking the deadline every few thousand characters read. */
  CharSequence chars(String text) {
    return new Checked(text, 0, text.length());
  }

  /**
   * Thrown out of a query that was about to build a value over a cap. Not an {@code
   * ExprEvalException}, so no FILTER or BIND swallows it: the whole query stops.
   */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(String what) {
      super(what, null, false, false);
    }
  }

  // java.util.regex never checks for interruption; it does read every character through charAt
  private final class Checked implements CharSequence {
    private final String text;
    private final int start;
    private final int end;
    private int reads;

    Checked(String text, int start, int end) {
      this.text = text;
      this.start = start;
      this.end = end;
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFF) == 0) {
        check();
      }
      return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      if (from < 0 || to > length() || from > to) {
        throw new IndexOutOfBoundsException();
      }
      return new Checked(text, start + from, start + to);
    }

    @Override
    public String toString() {
      return text.substring(start, end);
    }
  }
}
