package org.datasharing.registry.core.sparql;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;

/**
 * REGEX and REPLACE (and {@code fn:matches}, {@code fn:replace}) matching through a {@link
 * QueryGuard}'s deadline-checking character sequence, so a catastrophic pattern stops at the
 * query's deadline; REPLACE also checks before each replacement that its result stays under the
 * string cap. Installed by {@link GuardedExprs}.
 */
final class GuardedRegex {
  private GuardedRegex() {}

  private static Pattern pattern(String function, NodeValue pattern, NodeValue flags) {
    if (!pattern.isString() || (flags != null && !flags.isString())) {
      throw new ExprEvalException(function + ": the pattern and its flags must be strings");
    }
    return RegexEngine.makePattern(
        function, pattern.getString(), flags == null ? null : flags.getString());
  }

  private static Pattern constantPattern(String function, Expr pattern, Expr flags) {
    if (pattern.isConstant() && (flags == null || flags.isConstant())) {
      return pattern(function, pattern.getConstant(), flags == null ? null : flags.getConstant());
    }
    return null;
  }

  /** REGEX matching through the guard, so a catastrophic pattern stops at the deadline. */
  static final class Regex extends E_Regex {
    private final QueryGuard guard;
    private final Pattern pattern;

    Regex(ExprList args, QueryGuard guard) {
      super(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
      this.guard = guard;
      this.pattern = constantPattern("REGEX", args.get(1), args.size() > 2 ? args.get(2) : null);
    }

    @Override
    public NodeValue eval(List<NodeValue> args) {
      guard.check();
      Node text = NodeValueOps.checkAndGetStringLiteral("REGEX", args.get(0));
      Pattern p =
          pattern != null
              ? pattern
              : pattern("REGEX", args.get(1), args.size() > 2 ? args.get(2) : null);
      return NodeValue.booleanReturn(p.matcher(guard.chars(text.getLiteralLexicalForm())).find());
    }

    @Override
    public Expr copy(ExprList newArgs) {
      return new Regex(newArgs, guard);
    }
  }

  /**
   * REPLACE matching through the guard, and checking before each replacement that the result stays
   * under the cap (a replacement with {@code $0} can multiply the length).
   */
  static final class Replace extends E_StrReplace {
    private final QueryGuard guard;
    private final Pattern pattern;

    Replace(ExprList args, QueryGuard guard) {
      super(args.get(0), args.get(1), args.get(2), args.size() > 3 ? args.get(3) : null);
      this.guard = guard;
      this.pattern = constantPattern("REPLACE", args.get(1), args.size() > 3 ? args.get(3) : null);
    }

    @Override
    public NodeValue eval(List<NodeValue> args) {
      guard.check();
      NodeValue input = args.get(0);
      Node node = NodeValueOps.checkAndGetStringLiteral("REPLACE", input);
      String text = node.getLiteralLexicalForm();
      String replacement =
          NodeValueOps.checkAndGetStringLiteral("REPLACE", args.get(2)).getLiteralLexicalForm();
      Pattern p =
          pattern != null
              ? pattern
              : pattern("REPLACE", args.get(1), args.size() > 3 ? args.get(3) : null);
      Matcher m = p.matcher(guard.chars(text));
      if (!m.find()) {
        return input;
      }
      long groups = replacement.chars().filter(c -> c == '$').count();
      StringBuilder out = new StringBuilder();
      int last = 0;
      try {
        do {
          if (m.start() == m.end()) {
            throw new ExprEvalException("REPLACE: the pattern matches the empty string");
          }
          // a group reference adds at most the whole match
          guard.checkLength(
              out.length()
                  + (m.start() - last)
                  + replacement.length()
                  + groups * (m.end() - m.start()));
          m.appendReplacement(out, replacement);
          last = m.end();
        } while (m.find());
      } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
        throw new ExprEvalException("REPLACE: " + e.getMessage());
      }
      guard.checkLength(out.length() + (text.length() - last));
      m.appendTail(out);
      String result = out.toString();
      String lang = node.getLiteralLanguage();
      if (lang == null || lang.isEmpty()) {
        return NodeValue.makeString(result);
      }
      return node.getLiteralBaseDirection() == null
          ? NodeValue.makeNode(NodeFactory.createLiteralLang(result, lang))
          : NodeValue.makeNode(
              NodeFactory.createLiteralDirLang(result, lang, node.getLiteralBaseDirection()));
    }

    @Override
    public Expr copy(ExprList newArgs) {
      return new Replace(newArgs, guard);
    }
  }
}
