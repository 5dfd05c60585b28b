package org.datasharing.registry.web.sessions;

import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Where page sessions live: {@code registry.sessions.store=memory} (the default: each instance's
 * own memory, as a single-machine run needs) or {@code redis} (Spring Session on Redis, shared by
 * every instance behind one address). Spring Boot would switch Redis sessions on merely because the
 * library is on the classpath; this filter keeps Boot's Spring Session and Redis
 * auto-configurations out unless the setting asks for Redis, so the default run neither connects to
 * Redis nor reports its health. Registered in {@code META-INF/spring.factories}.
 */
public final class SessionStoreSwitch implements AutoConfigurationImportFilter, EnvironmentAware {
  static final String PROPERTY = "registry.sessions.store";

  private static final String[] REDIS_ONLY = {
    "org.springframework.boot.session.", "org.springframework.boot.data.redis."
  };

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  /** Whether the environment asks for Redis sessions; any value but memory or redis is refused. */
  static boolean redis(Environment environment) {
    String store = environment.getProperty(PROPERTY, "memory").trim().toLowerCase(Locale.ROOT);
    return switch (store) {
      case "redis" -> true;
      case "memory", "" -> false;
      default ->
          throw new IllegalStateException(
              PROPERTY + " is \"" + store + "\": set it to memory (the default) or redis");
    };
  }

  @Override
  public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
    boolean redis = redis(environment);
    boolean[] matches = new boolean[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      matches[i] = redis || candidates[i] == null || !redisOnly(candidates[i]);
    }
    return matches;
  }

  private static boolean redisOnly(String candidate) {
    for (String prefix : REDIS_ONLY) {
      if (candidate.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
