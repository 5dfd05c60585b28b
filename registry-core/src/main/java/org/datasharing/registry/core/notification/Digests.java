package org.datasharing.registry.core.notification;

import static org.datasharing.registry.core.notification.OutboxQuads.lit;
import static org.datasharing.registry.core.notification.OutboxQuads.quad;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily digests: the notifications held for an address (its owner chose a daily digest) go out
 * together in one message a day. Each day's digest to an address is claimed first (its IRI is the
 * address's hash and the day, inserted only where absent), so several instances, or runs, send it
 * once; a mail server that does not take it releases the claim and the next run tries again.
 */
final class Digests {
  private static final Logger log = LoggerFactory.getLogger(Digests.class);

  private final RegistryStore store;
  private final Ids ids;
  private final Outbox outbox;
  private final Messages messages;
  private final MailPort mail;
  private final Clock clock;

  Digests(
      RegistryStore store, Ids ids, Outbox outbox, Messages messages, MailPort mail, Clock clock) {
    this.store = store;
    this.ids = ids;
    this.outbox = outbox;
    this.messages = messages;
    this.mail = mail;
    this.clock = clock;
  }

  int sendDue(LocalTime at) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (LocalTime.ofInstant(now, ZoneOffset.UTC).isBefore(at)) {
      return 0;
    }
    Map<String, List<Node>> held = new LinkedHashMap<>();
    store
        .select(Queries.get("outbox-held"))
        .forEach(
            b ->
                held.computeIfAbsent(
                        b.get(Var.alloc("to")).getLiteralLexicalForm(), a -> new ArrayList<>())
                    .add(b.get(Var.alloc("n"))));
    int sent = 0;
    for (var e : held.entrySet()) {
      if (send(e.getKey(), e.getValue(), today)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean send(String address, List<Node> ids, LocalDate day) {
    Node digest =
        NodeFactory.createURI(this.ids.base() + "notification/digest-" + sha(address) + "-" + day);
    List<Quad> claim = new ArrayList<>();
    claim.add(quad(digest, RDF.type.asNode(), OutboxTerms.Digest));
    claim.add(quad(digest, OutboxTerms.digestTo, lit(address)));
    claim.add(
        quad(
            digest,
            OutboxTerms.digestDate,
            NodeFactory.createLiteralDT(day.toString(), XSDDatatype.XSDdate)));
    ids.forEach(n -> claim.add(quad(digest, OutboxTerms.includes, n)));
    if (!outbox.write(
        List.of(Guard.absent(OutboxTerms.GRAPH, digest, RDF.type.asNode(), Node.ANY)),
        List.of(),
        claim,
        claim.get(0))) {
      return false; // today's digest to this address went already (or another instance sends it)
    }
    List<Notification> items = ids.stream().map(outbox::get).flatMap(Optional::stream).toList();
    StringBuilder body = new StringBuilder();
    body.append("Your daily summary from the Data Sharing Registry: ")
        .append(items.size())
        .append(items.size() == 1 ? " message" : " messages")
        .append(" since the last one.\n\n");
    Recipient to = new Recipient(address, "digest");
    for (Notification n : items) {
      Message m = messages.compose(n, store.graph(n.agreement()), to);
      body.append("- ").append(m.subject()).append('\n');
      body.append("  ").append(messages.link(n.agreement())).append("\n\n");
    }
    body.append(
        "You receive one summary a day because you chose a daily digest. Change this on your"
            + " notifications page: "
            + messages.pages()
            + "account/notifications\n"
            + "This is an automatic message from the Data Sharing Registry.\n");
    String subject =
        "Your daily summary: "
            + items.size()
            + (items.size() == 1 ? " message" : " messages")
            + " from the Data Sharing Registry";
    try {
      mail.send(
          new Message(
              address,
              subject,
              body.toString(),
              "<digest-" + sha(address) + "-" + day + "@dsr.notification>"));
    } catch (MailPort.MailFailure e) {
      if (!e.permanent()) {
        // release the claim: the next run sends the digest
        outbox.write(
            List.of(Guard.exists(OutboxTerms.GRAPH, digest, RDF.type.asNode(), OutboxTerms.Digest)),
            claim,
            List.of(),
            claim.get(0));
        log.info("digest to an address waits: {}", e.getMessage());
        return false;
      }
      log.warn("digest refused for good: {}", e.getMessage());
    }
    List<Quad> done = new ArrayList<>();
    items.forEach(n -> done.add(quad(n.id(), OutboxTerms.digestedTo, lit(address))));
    if (!done.isEmpty()) {
      outbox.write(List.of(), List.of(), done, done.get(0));
    }
    return true;
  }

  private static String sha(String address) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
