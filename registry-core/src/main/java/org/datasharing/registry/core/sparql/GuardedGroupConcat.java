package org.datasharing.registry.core.sparql;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.Accumulator;
import org.apache.jena.sparql.expr.aggregate.AccumulatorExpr;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcat;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * GROUP_CONCAT (and GROUP_CONCAT DISTINCT) refusing a result over the string cap as it grows, one
 * value at a time; {@link Groups} puts them in a query's algebra. Installed by {@link
 * GuardedExprs}.
 */
final class GuardedGroupConcat {
  private GuardedGroupConcat() {}

  static final class Groups extends TransformCopy {
    private final QueryGuard guard;

    Groups(QueryGuard guard) {
      this.guard = guard;
    }

    @Override
    public Op transform(OpGroup opGroup, Op subOp) {
      List<ExprAggregator> aggregators = new ArrayList<>();
      boolean changed = false;
      for (ExprAggregator a : opGroup.getAggregators()) {
        Aggregator agg = a.getAggregator();
        Aggregator guarded = agg;
        if (agg instanceof AggGroupConcat c && !(agg instanceof GroupConcat)) {
          guarded = new GroupConcat(c.getExprList().get(0), c.getSeparator(), guard);
        } else if (agg instanceof AggGroupConcatDistinct c
            && !(agg instanceof GroupConcatDistinct)) {
          guarded = new GroupConcatDistinct(c.getExprList().get(0), c.getSeparator(), guard);
        }
        changed |= guarded != agg;
        aggregators.add(guarded == agg ? a : new ExprAggregator(a.getVar(), guarded));
      }
      return changed
          ? OpGroup.create(subOp, opGroup.getGroupVars(), aggregators)
          : super.transform(opGroup, subOp);
    }
  }

  /** GROUP_CONCAT refusing a result over the cap as it grows. */
  static final class GroupConcat extends AggGroupConcat {
    private final QueryGuard guard;

    GroupConcat(Expr expr, String separator, QueryGuard guard) {
      super(expr, separator);
      this.guard = guard;
    }

    @Override
    public Aggregator copy(ExprList exprs) {
      return new GroupConcat(exprs.get(0), getSeparator(), guard);
    }

    @Override
    public Accumulator createAccumulator() {
      return new Joined(getExpr(), getSeparator(), false, guard);
    }
  }

  /** GROUP_CONCAT(DISTINCT ...) refusing a result over the cap as it grows. */
  static final class GroupConcatDistinct extends AggGroupConcatDistinct {
    private final QueryGuard guard;

    GroupConcatDistinct(Expr expr, String separator, QueryGuard guard) {
      super(expr, separator);
      this.guard = guard;
    }

    @Override
    public Aggregator copy(ExprList exprs) {
      return new GroupConcatDistinct(exprs.get(0), getSeparator(), guard);
    }

    @Override
    public Accumulator createAccumulator() {
      return new Joined(getExpr(), getSeparator(), true, guard);
    }
  }

  private static final class Joined extends AccumulatorExpr {
    private final StringBuilder joined = new StringBuilder();
    private final String separator;
    private final QueryGuard guard;
    private boolean first = true;

    Joined(Expr expr, String separator, boolean distinct, QueryGuard guard) {
      super(expr, distinct);
      this.separator = separator == null ? " " : separator;
      this.guard = guard;
    }

    @Override
    protected void accumulate(NodeValue nv, Binding binding, FunctionEnv env) {
      guard.check();
      String s = nv.asString();
      guard.checkLength((long) joined.length() + (first ? 0 : separator.length()) + s.length());
      if (!first) {
        joined.append(separator);
      }
      joined.append(s);
      first = false;
    }

    @Override
    protected void accumulateError(Binding binding, FunctionEnv env) {}

    @Override
    public NodeValue getAccValue() {
      return NodeValue.makeString(joined.toString());
    }
  }
}
