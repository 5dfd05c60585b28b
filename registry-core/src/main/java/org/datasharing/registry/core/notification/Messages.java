package org.datasharing.registry.core.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * The words of each notification: a subject naming what happened, and a body with the version, its
 * hash, the reason where there is one, and the link to the agreement's page, where the recipient
 * signs in and acts. Messages carry no token and nothing about people: only what every party to the
 * agreement can already read on that page.
 */
final class Messages {
  private final Ids ids;
  private final String pages;
  private final OrganisationNames names;

  /** Organisation names by identifier. */
  @FunctionalInterface
  interface OrganisationNames {
    Optional<String> of(String id);
  }

  /** {@code pages}: the registry's address, ending in "/", under which its pages live. */
  Messages(Ids ids, String pages, OrganisationNames names) {
    this.ids = ids;
    this.pages = pages;
    this.names = names;
  }

  /** The registry's address, ending in "/". */
  String pages() {
    return pages;
  }

  String link(Node agreement) {
    return pages + "agreements/" + slug(agreement);
  }

  Message compose(Notification n, Graph agreement, Recipient to) {
    if (n.kind().assurance()) {
      return assurance(n, to);
    }
    Optional<Node> version = n.version().or(() -> Recipients.current(agreement, n.agreement()));
    String title =
        version
            .flatMap(v -> literal(agreement, v, DCTerms.title.asNode()))
            .orElse(slug(n.agreement()));
    String number =
        version.flatMap(v -> literal(agreement, v, DSR.versionNumber.asNode())).orElse("?");
    String org =
        n.actorOrganisation()
            .flatMap(o -> ids.slug(o, "organisation"))
            .map(o -> names.of(o).orElse(o))
            .orElse("A party");
    String subject =
        switch (n.kind()) {
          case DECISION_NEEDED -> "Decision needed: " + title + " (version " + number + ")";
          case SIGN_OFF_NEEDED -> "Sign-off needed: " + title + " (version " + number + ")";
          case DECISION -> org + " " + outcome(n) + ": " + title + " (version " + number + ")";
          case APPROVED -> "Approved by every party: " + title + " (version " + number + ")";
          case ACTIVE -> "Now in force: " + title;
          case SUSPENDED -> "Suspended: " + title;
          case RESUMED -> "Resumed: " + title;
          case TERMINATED -> "Terminated: " + title;
          case EXPIRED -> "Expired: " + title;
          case INCIDENT -> "Incident recorded by " + org + ": " + title;
          case REVIEW_DUE_SOON -> "Review due on " + due(n) + ": " + title;
          case REVIEW_OVERDUE -> "Review overdue since " + due(n) + ": " + title;
          case END_DATE_SOON -> "Ends on " + due(n) + ": " + title;
          case ASSURANCE_EXPIRING, ASSURANCE_EXPIRED -> throw new IllegalStateException();
        };
    StringBuilder body = new StringBuilder();
    body.append(lead(n, org)).append("\n\n");
    body.append("Agreement: ").append(title).append(" (").append(slug(n.agreement())).append(")\n");
    body.append("Version: ").append(number).append('\n');
    n.contentHash().ifPresent(h -> body.append("Content hash (SHA-256): ").append(h).append('\n'));
    n.reason()
        .ifPresent(
            r ->
                body.append(
                        n.kind() == NotificationKind.INCIDENT ? "What was recorded: " : "Reason: ")
                    .append(r)
                    .append('\n'));
    body.append('\n').append(action(n)).append('\n').append(link(n.agreement())).append("\n\n");
    body.append("You receive this message as ")
        .append(
            to.why().startsWith("DPO")
                ? "a data protection officer of a party"
                : to.why().startsWith("senior officer")
                    ? "a senior officer of a party"
                    : "its author")
        .append(
            " to the agreement. This is an automatic message from the Data Sharing Registry.\n");
    return new Message(to.email(), subject, body.toString(), messageId(n, to.email()));
  }

  /** An organisation's assurance expiring or expired: to its DPOs, linking to its record. */
  private Message assurance(Notification n, Recipient to) {
    String slug = ids.slug(n.agreement(), "organisation").orElse("");
    String org = names.of(slug).orElse(slug);
    boolean expired = n.kind() == NotificationKind.ASSURANCE_EXPIRED;
    String subject =
        (expired ? "Assurance expired on " : "Assurance expires on ") + due(n) + ": " + org;
    StringBuilder body = new StringBuilder();
    body.append(org)
        .append(expired ? "'s assurance expired on " : "'s assurance expires on ")
        .append(due(n))
        .append(
            expired
                ? ": while it is not renewed, approvals of agreements that require it are refused."
                : ": record the renewed certificate before then.")
        .append("\n\n");
    n.reason().ifPresent(r -> body.append("Assurance: ").append(r).append('\n'));
    body.append("\nRecord the organisation's assurance (sign in first):\n")
        .append(pages)
        .append("organisations/")
        .append(slug)
        .append("/assurance\n\n")
        .append(
            "You receive this message as a data protection officer of the organisation. This is"
                + " an automatic message from the Data Sharing Registry.\n");
    return new Message(to.email(), subject, body.toString(), messageId(n, to.email()));
  }

  private static String lead(Notification n, String org) {
    return switch (n.kind()) {
      case DECISION_NEEDED ->
          "A version of this agreement was submitted and waits for your organisation's decision.";
      case SIGN_OFF_NEEDED ->
          org
              + "'s data protection officer approved this version of the agreement. Your"
              + " organisation requires a senior officer's sign-off: the approval counts only once"
              + " you sign it off, for the same content hash.";
      case DECISION -> org + " " + outcome(n) + " this version of the agreement.";
      case APPROVED -> "Every party approved this version of the agreement.";
      case ACTIVE -> "The agreement has reached its start date and is now in force.";
      case SUSPENDED -> "The agreement was suspended: sharing under it must stop.";
      case RESUMED -> "The agreement was resumed.";
      case TERMINATED -> "The agreement was terminated.";
      case EXPIRED -> "The agreement has reached its end date and expired.";
      case INCIDENT ->
          org
              + " recorded a personal data breach or other incident affecting data shared under"
              + " this agreement. A breach likely to result in a risk to people is reported to the"
              + " ICO within 72 hours of its discovery (UK GDPR Article 33); read the details and"
              + " agree with the other parties who reports it.";
      case REVIEW_DUE_SOON ->
          "The agreement's review is due on "
              + due(n)
              + ": check with the other parties that the sharing is still necessary and working.";
      case REVIEW_OVERDUE ->
          "The agreement's review was due on " + due(n) + " and has not been recorded.";
      case END_DATE_SOON ->
          "The agreement ends on "
              + due(n)
              + ": amend it to extend the sharing, or plan the return or deletion of the data.";
      case ASSURANCE_EXPIRING, ASSURANCE_EXPIRED -> throw new IllegalStateException();
    };
  }

  private static String due(Notification n) {
    return n.due().map(Object::toString).orElse("?");
  }

  private static String action(Notification n) {
    return switch (n.kind()) {
      case DECISION_NEEDED -> "Read the text and decide (sign in first):";
      case SIGN_OFF_NEEDED -> "Read the text and sign off (sign in first):";
      default -> "See the agreement (sign in first):";
    };
  }

  private static String outcome(Notification n) {
    Node o = n.outcome().orElse(DSR.Approve.asNode());
    if (o.equals(DSR.Reject.asNode())) {
      return "rejected";
    }
    if (o.equals(DSR.RequestChanges.asNode())) {
      return "requested changes to";
    }
    return "approved";
  }

  /** Stable per notification and address, so a resend after a crash is recognisably the same. */
  static String messageId(Notification n, String address) {
    String uri = n.id().getURI();
    String local = uri.substring(uri.lastIndexOf('/') + 1);
    return "<" + local + "." + sha(address.toLowerCase(Locale.ROOT)) + "@dsr.notification>";
  }

  private String slug(Node agreement) {
    return ids.slug(agreement, "agreement").orElse(agreement.getURI());
  }

  private static Optional<String> literal(Graph g, Node s, Node p) {
    var it = g.find(s, p, Node.ANY);
    return it.hasNext()
        ? Optional.of(it.next().getObject().getLiteralLexicalForm())
        : Optional.empty();
  }

  private static String sha(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
