package org.datasharing.registry.core.notification;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.identity.DirectoryUser;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * Who a notification goes to, resolved when it is sent (the identity directory is another system,
 * which may be down when the change commits; its people can change meanwhile, and the message then
 * reaches whoever holds the role when it is sent). The parties are those of the notification's
 * version; the author is the person who submitted that version, from the audit log. Reminders and
 * incidents go to every party's DPOs only; a sign-off needed only to the senior officers of the
 * organisation whose DPO approved.
 */
final class Recipients {
  private final RegistryStore store;
  private final Ids ids;
  private final IdentityDirectory directory;

  Recipients(RegistryStore store, Ids ids, IdentityDirectory directory) {
    this.store = store;
    this.ids = ids;
    this.directory = directory;
  }

  /** The recipients, one per address; throws the directory's exception when it fails. */
  List<Recipient> of(Notification n, Graph agreement) {
    Optional<Node> version = n.version().or(() -> current(agreement, n.agreement()));
    List<String> parties =
        n.kind().assurance()
            ? ids.slug(n.agreement(), "organisation").stream().toList()
            : version.map(v -> parties(agreement, v)).orElse(List.of());
    Optional<String> except =
        n.kind() == NotificationKind.DECISION
            ? n.actorOrganisation().flatMap(o -> ids.slug(o, "organisation"))
            : Optional.empty();
    Map<String, Recipient> out = new LinkedHashMap<>();
    if (n.kind() == NotificationKind.SIGN_OFF_NEEDED) {
      Optional<String> org = n.actorOrganisation().flatMap(o -> ids.slug(o, "organisation"));
      if (org.isPresent()) {
        for (DirectoryUser u : directory.members(org.get())) {
          if (u.has(MemberRole.SENIOR_OFFICER)) {
            add(out, u, "senior officer of " + org.get());
          }
        }
      }
      return new ArrayList<>(out.values());
    }
    if (n.kind() != NotificationKind.DECISION_NEEDED
        && n.kind() != NotificationKind.INCIDENT
        && !n.kind().reminder()) {
      version.flatMap(v -> author(n.agreement(), v)).ifPresent(u -> add(out, u, "author"));
    }
    for (String party : parties) {
      if (except.filter(party::equals).isPresent()) {
        continue;
      }
      for (DirectoryUser u : directory.members(party)) {
        if (u.has(MemberRole.DPO)) {
          add(out, u, "DPO of " + party);
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  private static void add(Map<String, Recipient> out, DirectoryUser u, String why) {
    if (u.email() != null && !u.email().isBlank()) {
      out.putIfAbsent(
          u.email().toLowerCase(Locale.ROOT), new Recipient(u.email(), why, Optional.of(u.id())));
    }
  }

  static Optional<Node> current(Graph g, Node agreement) {
    var it = g.find(agreement, DSR.currentVersion.asNode(), Node.ANY);
    return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
  }

  List<String> parties(Graph g, Node version) {
    List<String> out = new ArrayList<>();
    g.find(version, DSR.hasParty.asNode(), Node.ANY)
        .forEachRemaining(
            t ->
                g.find(t.getObject(), DSR.organisation.asNode(), Node.ANY)
                    .forEachRemaining(
                        o -> ids.slug(o.getObject(), "organisation").ifPresent(out::add)));
    return out.stream().distinct().sorted().toList();
  }

  /** The person who submitted the version, as the directory knows them now. */
  private Optional<DirectoryUser> author(Node agreement, Node version) {
    var rows =
        store.select(Queries.bind("submitter-of-version", Map.of("ag", agreement, "v", version)));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    String user = rows.get(0).get(Var.alloc("user")).getURI();
    String prefix = ids.base() + "user/";
    if (!user.startsWith(prefix)) {
      return Optional.empty();
    }
    return directory.userById(
        URLDecoder.decode(user.substring(prefix.length()), StandardCharsets.UTF_8));
  }
}
