package org.datasharing.registry.web.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.datasharing.registry.core.notification.MailPort;
import org.datasharing.registry.core.notification.Message;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The mail port over SMTP (Spring's {@link JavaMailSender}, configured by {@code spring.mail.*}).
 * The notification's stable Message-ID replaces the one JavaMail would invent. A refused recipient
 * (an SMTP 5xx for the address, or no address at all) is permanent; anything else (no connection,
 * 4xx, authentication) is worth retrying.
 */
final class SmtpMail implements MailPort {
  private final JavaMailSender sender;
  private final String from;

  SmtpMail(JavaMailSender sender, String from) {
    this.sender = sender;
    this.from = from;
  }

  @Override
  public void send(Message message) throws MailFailure {
    MimeMessage mime;
    try {
      mime = new FixedIdMessage(sender.createMimeMessage().getSession(), message.messageId());
      mime.setFrom(new InternetAddress(from));
      mime.setRecipient(
          jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.to(), true));
      mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
      mime.setText(message.body(), StandardCharsets.UTF_8.name());
    } catch (AddressException e) {
      throw new MailFailure("not an e-mail address: " + e.getMessage(), true, e);
    } catch (MessagingException e) {
      throw new MailFailure("cannot build the message: " + e.getMessage(), true, e);
    }
    try {
      sender.send(mime);
    } catch (MailParseException e) {
      throw new MailFailure(e.getMessage(), true, e);
    } catch (MailSendException e) {
      throw new MailFailure(reason(e), refused(e), e);
    } catch (MailException e) {
      throw new MailFailure(reason(e), false, e);
    }
  }

  /**
   * The recipient was refused for good: JavaMail lists an address as invalid only for a 5xx reply
   * to it (a 4xx leaves it valid but unsent, which is retried).
   */
  private static boolean refused(MailSendException e) {
    for (Exception failed : e.getFailedMessages().values()) {
      for (Throwable t = failed; t != null; t = t.getCause()) {
        if (t instanceof SendFailedException sfe
            && sfe.getInvalidAddresses() != null
            && sfe.getInvalidAddresses().length > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static String reason(MailException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getMessage();
    return root == e ? m : m + " (" + root.getMessage() + ")";
  }

  /** A message whose Message-ID is the notification's, not a new one per send. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
