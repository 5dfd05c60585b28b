package org.datasharing.registry.core.notification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A mail server in memory: records what it takes; can be down, or refuse addresses for good. */
final class RecordingMail implements MailPort {
  final List<Message> sent = new ArrayList<>();
  final Set<String> refused = new HashSet<>();
  boolean down;

  /** Takes this many more messages, then goes down (-1: no limit). */
  int takeThenDown = -1;

  @Override
  public void send(Message message) throws MailFailure {
    if (takeThenDown == 0) {
      down = true;
    }
    if (down) {
      throw new MailFailure("connection refused", false, null);
    }
    if (refused.contains(message.to())) {
      throw new MailFailure("550 no such mailbox", true, null);
    }
    sent.add(message);
    if (takeThenDown > 0) {
      takeThenDown--;
    }
  }

  List<String> to() {
    return sent.stream().map(Message::to).sorted().toList();
  }
}
