package org.datasharing.registry.core.sparql;

import java.math.BigDecimal;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.Rewrite;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Multiply;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.E_StrEncodeForURI;
import org.apache.jena.sparql.expr.E_StrLowerCase;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.E_StrUpperCase;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction1;
import org.apache.jena.sparql.expr.ExprFunction2;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * Rewrites a query's algebra so that the work Jena's timeout cannot interrupt is guarded by a
 * {@link QueryGuard}: REGEX, REPLACE, {@code fn:matches} and {@code fn:replace} match through a
 * deadline-checking character sequence ({@link GuardedRegex}); the functions that can make strings
 * grow (CONCAT, REPLACE, ENCODE_FOR_URI, UCASE, LCASE, GROUP_CONCAT ({@link GuardedGroupConcat}),
 * library functions such as {@code fn:concat}) refuse a result over the string cap; and
 * multiplication, {@code math:pow} and {@code math:exp10} refuse a number with too many digits.
 * What can be checked before the work is (CONCAT, REPLACE, GROUP_CONCAT, the numbers), so a
 * doubling chain stops at the cap instead of at {@link OutOfMemoryError}.
 *
 * <p>It runs as the first step of the query's optimizer ({@link #rewriteFactory}, set per query in
 * its context), before constant folding, so constant expressions are guarded too.
 */
final class GuardedExprs {
  private static final String CHECKED = "dsr:checked";
  private static final String FN = "http://www.w3.org/2005/xpath-functions#";

  private GuardedExprs() {}

  /** The optimizer for one query: guards its expressions, then Jena's standard optimisation. */
  static RewriteFactory rewriteFactory(QueryGuard guard) {
    RewriteFactory configured = Optimize.getFactory();
    RewriteFactory next = configured == null ? Optimize.stdOptimizationFactory : configured;
    return context -> {
      Rewrite rest = next.create(context);
      return op -> rest.rewrite(guard(op, guard));
    };
  }

  static Op guard(Op op, QueryGuard guard) {
    return Transformer.transform(new GuardedGroupConcat.Groups(guard), new Exprs(guard), op);
  }

  private static final class Exprs extends ExprTransformCopy {
    private final QueryGuard guard;

    Exprs(QueryGuard guard) {
      this.guard = guard;
    }

    @Override
    public Expr transform(ExprFunction1 func, Expr arg) {
      if (func instanceof E_StrEncodeForURI
          || func instanceof E_StrUpperCase
          || func instanceof E_StrLowerCase) {
        return new Checked(func.copy(arg), guard);
      }
      return super.transform(func, arg);
    }

    @Override
    public Expr transform(ExprFunctionN func, ExprList args) {
      if (func instanceof GuardedRegex.Regex
          || func instanceof GuardedRegex.Replace
          || func instanceof Concat
          || func instanceof Call) {
        return func.copy(args);
      }
      if (func instanceof E_Regex) {
        return new GuardedRegex.Regex(args, guard);
      }
      if (func instanceof E_StrReplace) {
        return new GuardedRegex.Replace(args, guard);
      }
      if (func instanceof E_StrConcat) {
        return new Concat(args, guard);
      }
      if (func instanceof E_Function f) {
        // the XPath regex functions are REGEX and REPLACE by another name: same guard
        if (f.getFunctionIRI().equals(FN + "matches") && (args.size() == 2 || args.size() == 3)) {
          return new GuardedRegex.Regex(args, guard);
        }
        if (f.getFunctionIRI().equals(FN + "replace") && (args.size() == 3 || args.size() == 4)) {
          return new GuardedRegex.Replace(args, guard);
        }
        return new Call(f.getFunctionIRI(), args, guard);
      }
      return super.transform(func, args);
    }

    @Override
    public Expr transform(ExprFunction2 func, Expr arg1, Expr arg2) {
      if (func instanceof E_Multiply && !(func instanceof Multiply)) {
        return new Multiply(arg1, arg2, guard);
      }
      return super.transform(func, arg1, arg2);
    }
  }

  /** The length of a value's lexical form, 0 for IRIs and blank nodes. */
  private static long length(NodeValue v) {
    Node n = v.asNode();
    return n.isLiteral() ? n.getLiteralLexicalForm().length() : 0;
  }

  /** Passes its argument's value on, refusing one longer than the string cap. */
  static final class Checked extends ExprFunction1 {
    private final QueryGuard guard;

    Checked(Expr expr, QueryGuard guard) {
      super(expr, CHECKED);
      this.guard = guard;
    }

    @Override
    public NodeValue eval(NodeValue v) {
      guard.check();
      guard.checkLength(length(v));
      return v;
    }

    @Override
    public Expr copy(Expr expr) {
      return new Checked(expr, guard);
    }
  }

  /** The digits a number has when written out (its scale counts: 0.1 squared n times). */
  private static double digits(NodeValue v) {
    if (v.isInteger()) {
      return v.getInteger().bitLength() * LOG10_2 + 1;
    }
    if (v.isDecimal()) {
      BigDecimal d = v.getDecimal();
      return d.precision() + (double) Math.abs(d.scale());
    }
    return 0;
  }

  private static final double LOG10_2 = Math.log10(2);

  /** Multiplication refusing a product with more digits than the cap, before computing it. */
  static final class Multiply extends E_Multiply {
    private final QueryGuard guard;

    Multiply(Expr left, Expr right, QueryGuard guard) {
      super(left, right);
      this.guard = guard;
    }

    @Override
    public NodeValue eval(NodeValue x, NodeValue y) {
      guard.check();
      guard.checkDigits(digits(x) + digits(y));
      return super.eval(x, y);
    }

    @Override
    public Expr copy(Expr left, Expr right) {
      return new Multiply(left, right, guard);
    }
  }

  /**
   * A call of a library function ({@code fn:}, {@code math:}, ...): its arguments are evaluated
   * first and checked where the function's cost or result size follows from them (powers,
   * concatenations), then the function runs on them, then its result is checked.
   */
  static final class Call extends ExprFunctionN {
    private final String iri;
    private final QueryGuard guard;

    Call(String iri, ExprList args, QueryGuard guard) {
      super(iri, args);
      this.iri = iri;
      this.guard = guard;
    }

    @Override
    protected NodeValue evalSpecial(Binding binding, FunctionEnv env) {
      guard.check();
      ExprList values = new ExprList();
      for (Expr arg : getArgs()) {
        values.add(arg.eval(binding, env));
      }
      precheck(values);
      NodeValue result = new E_Function(iri, values).eval(binding, env);
      guard.checkLength(length(result));
      return result;
    }

    private void precheck(ExprList values) {
      String name = iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
      if ((name.equals("concat") || name.equals("string-join"))) {
        long total = 0;
        for (Expr v : values) {
          total += length((NodeValue) v);
        }
        guard.checkLength(total);
      }
      if (name.equals("exp10") && values.size() == 1) {
        guard.checkDigits(magnitude((NodeValue) values.get(0)));
      }
      if (name.equals("pow") && values.size() == 2) {
        NodeValue base = (NodeValue) values.get(0);
        NodeValue exponent = (NodeValue) values.get(1);
        if (base.isNumber() && exponent.isNumber()) {
          // an integer power is computed exactly: |exponent| x the base's digits
          guard.checkDigits(magnitude(exponent) * Math.max(1, digits(base)));
        }
      }
    }

    private static double magnitude(NodeValue v) {
      return v.isNumber() ? Math.abs(v.getDouble()) : 0;
    }

    @Override
    public NodeValue eval(List<NodeValue> args) {
      throw new IllegalStateException("evaluated through evalSpecial");
    }

    @Override
    public Expr copy(ExprList newArgs) {
      return new Call(iri, newArgs, guard);
    }
  }

  /** CONCAT that adds up its arguments' lengths before building the result. */
  static final class Concat extends E_StrConcat {
    private final QueryGuard guard;

    Concat(ExprList args, QueryGuard guard) {
      super(args);
      this.guard = guard;
    }

    @Override
    public NodeValue eval(List<NodeValue> args) {
      guard.check();
      long total = 0;
      for (NodeValue v : args) {
        total += length(v);
      }
      guard.checkLength(total);
      return super.eval(args);
    }

    @Override
    public Expr copy(ExprList newArgs) {
      return new Concat(newArgs, guard);
    }
  }
}
