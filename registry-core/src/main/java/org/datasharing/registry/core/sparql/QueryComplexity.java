package org.datasharing.registry.core.sparql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.apache.jena.query.Query;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.Op2;
import org.apache.jena.sparql.algebra.op.OpAssign;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.path.P_FixedLength;
import org.apache.jena.sparql.path.P_Mod;
import org.apache.jena.sparql.path.P_Path1;
import org.apache.jena.sparql.path.P_Path2;

/**
 * Refuses, before anything runs, queries that are too complex to run safely: nested deeper than the
 * cap (brackets in the text; operators, expressions and property paths in the algebra), and regular
 * expressions (REGEX, REPLACE, {@code fn:matches}, {@code fn:replace}, {@code fn:tokenize}) that
 * are not constants, are too long, or have the shapes that make Java's backtracking matcher take
 * exponential time: a repeated group that itself repeats ({@code (a+)+}) and back-references. Deep
 * recursion in Jena's parser, algebra and evaluator is what turns deep input into a {@link
 * StackOverflowError}; the checks here keep every later stage shallow.
 */
final class QueryComplexity {
  private static final String FN = "http://www.w3.org/2005/xpath-functions#";

  /** Library functions that take a regular expression as their second argument. */
  private static final Set<String> REGEX_FUNCTIONS =
      Set.of(FN + "matches", FN + "replace", FN + "tokenize");

  /** More arguments than this to a library function (e.g. fn:concat) are refused. */
  static final int MAX_FUNCTION_ARGUMENTS = 64;

  private final int maxDepth;
  private final int maxRegexLength;

  QueryComplexity(int maxDepth, int maxRegexLength) {
    this.maxDepth = maxDepth;
    this.maxRegexLength = maxRegexLength;
  }

  /**
   * The deepest nesting of {@code { ( [} in the text, outside strings, IRIs and comments: what the
   * parser recurses on. Checked before parsing, in one pass without recursion.
   */
  Optional<String> checkText(String text) {
    int depth = 0;
    int max = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '#' -> {
          while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
          }
        }
        case '"', '\'' -> i = endOfString(text, i);
        case '<' -> i = endOfIri(text, i);
        case '{', '(', '[' -> max = Math.max(max, ++depth);
        case '}', ')', ']' -> depth = Math.max(0, depth - 1);
        default -> {}
      }
    }
    if (max > maxDepth) {
      return Optional.of(tooDeep("its brackets ({ }, ( ), [ ]) are nested " + max + " deep"));
    }
    return Optional.empty();
  }

  // the index of a string's closing quote (short or long form, with backslash escapes)
  private static int endOfString(String text, int start) {
    char q = text.charAt(start);
    boolean longForm = text.startsWith(String.valueOf(q).repeat(3), start);
    int i = start + (longForm ? 3 : 1);
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == q && (!longForm || text.startsWith(String.valueOf(q).repeat(3), i))) {
        return longForm ? i + 2 : i;
      }
      if (!longForm && (c == '\n' || c == '\r')) {
        return i; // an unterminated short string: the parser reports it
      }
      i++;
    }
    return text.length();
  }

  // the index of an IRI's closing '>', or start itself when '<' is the less-than operator
  private static int endOfIri(String text, int start) {
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '>') {
        return i;
      }
      if (c <= ' ' || "<\"{}|^`\\".indexOf(c) >= 0) {
        return start;
      }
    }
    return start;
  }

  /**
   * Walks the query's algebra without recursion: its depth (operators, expressions and property
   * paths inside one another) and every regular expression.
   */
  Optional<String> checkQuery(Query query) {
    Op op = Algebra.compile(query);
    Deque<Object> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(op);
    depths.push(1);
    int max = 0;
    while (!nodes.isEmpty()) {
      Object node = nodes.pop();
      int depth = depths.pop();
      if (node == null) {
        continue;
      }
      max = Math.max(max, depth);
      if (max > maxDepth) {
        return Optional.of(
            tooDeep(
                "its patterns, expressions or property paths are nested more than "
                    + maxDepth
                    + " deep (long chains of UNION, OPTIONAL, MINUS or operators count too)"));
      }
      for (Object child : children(node)) {
        nodes.push(child);
        depths.push(depth + 1);
      }
      if (node instanceof Expr expr) {
        Optional<String> regex = checkRegex(expr);
        if (regex.isPresent()) {
          return regex;
        }
      }
      long repeat = repeatCount(node);
      if (repeat > maxDepth) {
        return Optional.of(
            "The query is too complex to run here: a property path repeats "
                + repeat
                + " times ({n} or {n,m}); at most "
                + maxDepth
                + " are allowed");
      }
    }
    return Optional.empty();
  }

  private static List<Object> children(Object node) {
    List<Object> out = new ArrayList<>();
    if (node instanceof OpFilter f) {
      out.add(f.getSubOp());
      out.addAll(f.getExprs().getList());
    } else if (node instanceof OpExtend e) {
      out.add(e.getSubOp());
      out.addAll(e.getVarExprList().getExprs().values());
    } else if (node instanceof OpAssign a) {
      out.add(a.getSubOp());
      out.addAll(a.getVarExprList().getExprs().values());
    } else if (node instanceof OpGroup g) {
      out.add(g.getSubOp());
      out.addAll(g.getGroupVars().getExprs().values());
      out.addAll(g.getAggregators());
    } else if (node instanceof OpOrder o) {
      out.add(o.getSubOp());
      o.getConditions().stream().map(SortCondition::getExpression).forEach(out::add);
    } else if (node instanceof OpTopN t) {
      out.add(t.getSubOp());
      t.getConditions().stream().map(SortCondition::getExpression).forEach(out::add);
    } else if (node instanceof OpLeftJoin lj) {
      out.add(lj.getLeft());
      out.add(lj.getRight());
      if (lj.getExprs() != null) {
        out.addAll(lj.getExprs().getList());
      }
    } else if (node instanceof OpPath p) {
      out.add(p.getTriplePath().getPath());
    } else if (node instanceof Op1 o) {
      out.add(o.getSubOp());
    } else if (node instanceof Op2 o) {
      out.add(o.getLeft());
      out.add(o.getRight());
    } else if (node instanceof OpN o) {
      out.addAll(o.getElements());
    } else if (node instanceof ExprFunctionOp f) {
      out.add(f.getGraphPattern());
      out.addAll(f.getArgs());
    } else if (node instanceof ExprAggregator a) {
      ExprList exprs = a.getAggregator().getExprList();
      if (exprs != null) {
        out.addAll(exprs.getList());
      }
    } else if (node instanceof ExprFunction f) {
      out.addAll(f.getArgs());
    } else if (node instanceof P_Path1 p) {
      out.add(p.getSubPath());
    } else if (node instanceof P_Path2 p) {
      out.add(p.getLeft());
      out.add(p.getRight());
    }
    return out;
  }

  // the largest count of a {n} / {n,m} path (ARQ's extension), 0 for anything else
  private static long repeatCount(Object node) {
    if (node instanceof P_Mod m) {
      return Math.max(m.getMin(), m.getMax());
    }
    if (node instanceof P_FixedLength f) {
      return f.getCount();
    }
    return 0;
  }

  private Optional<String> checkRegex(Expr expr) {
    if (expr instanceof E_Regex regex) {
      return checkPattern("REGEX", regex.getArg(2), regex.numArgs() > 2 ? regex.getArg(3) : null);
    }
    if (expr instanceof E_StrReplace replace) {
      return checkPattern(
          "REPLACE", replace.getArg(2), replace.numArgs() > 3 ? replace.getArg(4) : null);
    }
    if (expr instanceof E_Function f) {
      if (f.getFunctionIRI().startsWith("java:")) {
        return Optional.of(
            "Functions named by a java: IRI are refused: a query here may not load Java classes");
      }
      if (f.numArgs() > MAX_FUNCTION_ARGUMENTS) {
        return Optional.of(
            "The query is too complex to run here: a call of <"
                + f.getFunctionIRI()
                + "> has more than "
                + MAX_FUNCTION_ARGUMENTS
                + " arguments");
      }
      if (f.getFunctionIRI().equals(FN + "tokenize")) {
        return Optional.of(
            "fn:tokenize is not supported here; use REPLACE or STRBEFORE / STRAFTER instead");
      }
      if (REGEX_FUNCTIONS.contains(f.getFunctionIRI()) && f.numArgs() >= 2) {
        String name = "fn:" + f.getFunctionIRI().substring(FN.length());
        int flags = name.equals("fn:replace") ? 4 : 3;
        return checkPattern(name, f.getArg(2), f.numArgs() >= flags ? f.getArg(flags) : null);
      }
    }
    return Optional.empty();
  }

  private Optional<String> checkPattern(String function, Expr pattern, Expr flags) {
    String in = "The regular expression of " + function + " ";
    if (!pattern.isConstant()
        || !pattern.getConstant().isString()
        || (flags != null && !(flags.isConstant() && flags.getConstant().isString()))) {
      return Optional.of(
          in + "must be a string literal (and its flags too), not computed from the data");
    }
    String p = pattern.getConstant().getString();
    if (p.length() > maxRegexLength) {
      return Optional.of(
          in + "is " + p.length() + " characters long; at most " + maxRegexLength + " are allowed");
    }
    String f = flags == null ? null : flags.getConstant().getString();
    try {
      RegexEngine.makePattern(function, p, f);
    } catch (PatternSyntaxException | org.apache.jena.sparql.expr.ExprException e) {
      return Optional.of(
          in + "is not valid: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (f != null && f.contains("q")) {
      return Optional.empty(); // a literal string, not a pattern
    }
    return RegexShape.dangerous(p).map(reason -> in + reason);
  }

  private String tooDeep(String what) {
    return "The query is too complex to run here: "
        + what
        + "; at most "
        + maxDepth
        + " levels are allowed. Flatten it (VALUES or IN instead of long UNION chains, fewer"
        + " nested groups)";
  }
}
