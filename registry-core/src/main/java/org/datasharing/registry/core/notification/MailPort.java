package org.datasharing.registry.core.notification;

/** The port to the mail server (SMTP in the web adapter). */
public interface MailPort {

  /** Hands the message to the mail server; throws {@link MailFailure} when it does not take it. */
  void send(Message message) throws MailFailure;

  /** Why a message was not taken: permanent for this address, or worth retrying later. */
  final class MailFailure extends Exception {
    private final boolean permanent;

    public MailFailure(String message, boolean permanent, Throwable cause) {
      super(message, cause);
      this.permanent = permanent;
    }

    /** The address is refused for good (no such mailbox, not an address): never retried. */
    public boolean permanent() {
      return permanent;
    }
  }
}
