package org.datasharing.registry.web.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.datasharing.registry.core.common.Violation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code registry.api.max-body-bytes} (default 1 MB) with 413
 * problem+json. A declared {@code Content-Length} over the limit is refused before anything is
 * read; every other body (chunked, or lying about its length) is counted as it is read, and reading
 * past the limit fails, so no reader ever sees more than the limit. Whatever the reader made of
 * that failure, the answer is 413, and since no write starts before its body is read in full,
 * nothing is stored.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100) // before anything else reads the body
class RequestSizeLimit extends OncePerRequestFilter {
  private final long maxBytes;

  RequestSizeLimit(@Value("${registry.api.max-body-bytes:1048576}") long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Reading past the limit: an I/O error, so every reader stops where it is. */
  static final class BodyTooLarge extends IOException {
    BodyTooLarge(long maxBytes) {
      super("The request body is larger than " + maxBytes + " bytes");
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      refuse(request, response);
      return;
    }
    Limited limited = new Limited(request, maxBytes);
    try {
      chain.doFilter(limited, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!limited.exceeded()) {
        throw e;
      }
    }
    if (limited.exceeded() && !response.isCommitted()) {
      // whatever the reader answered (400 unreadable JSON, 422 unparsable RDF), the cause is size
      response.reset();
      refuse(request, response);
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String message = "The request body is larger than " + maxBytes + " bytes";
    Problems.write(
        request,
        response,
        Problems.problem(
            HttpStatus.CONTENT_TOO_LARGE, message, List.of(new Violation("body", message))));
  }

  /** The request with its body stream (and reader) counted against the limit. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long maxBytes;
    private CountingStream stream;
    private BufferedReader reader;

    Limited(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    boolean exceeded() {
      return stream != null && stream.exceeded;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset;
        try {
          charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
          throw new UnsupportedEncodingException(encoding);
        }
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }
  }

  private static final class CountingStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private long count;
    boolean exceeded;

    CountingStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    private void counted(long n) throws BodyTooLarge {
      count += n;
      if (count > maxBytes) {
        exceeded = true;
        throw new BodyTooLarge(maxBytes);
      }
    }

    @Override
    public int read() throws IOException {
      if (exceeded) {
        throw new BodyTooLarge(maxBytes);
      }
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (exceeded) {
        throw new BodyTooLarge(maxBytes);
      }
      // never hand out more than one byte past the limit
      int n = in.read(b, off, (int) Math.min(len, maxBytes - count + 1));
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
