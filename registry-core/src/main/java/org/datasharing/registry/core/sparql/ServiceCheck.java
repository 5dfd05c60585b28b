package org.datasharing.registry.core.sparql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.query.Query;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementAssign;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;

/**
 * Finds {@code SERVICE} anywhere in a parsed query: in the pattern, in sub-queries and inside
 * {@code EXISTS} / {@code NOT EXISTS} in filters, binds, projections, grouping, {@code HAVING} and
 * ordering. {@link ElementWalker} alone stops at sub-queries and expressions, so this descends into
 * them itself.
 */
final class ServiceCheck {
  private ServiceCheck() {}

  static boolean usesService(Query query) {
    if (in(query.getQueryPattern())) {
      return true;
    }
    List<Expr> exprs = new ArrayList<>();
    if (query.getProject() != null) {
      exprs.addAll(query.getProject().getExprs().values());
    }
    if (query.hasGroupBy()) {
      exprs.addAll(query.getGroupBy().getExprs().values());
    }
    if (query.hasHaving()) {
      exprs.addAll(query.getHavingExprs());
    }
    if (query.hasOrderBy()) {
      query.getOrderBy().stream().map(SortCondition::getExpression).forEach(exprs::add);
    }
    return exprs.stream().anyMatch(ServiceCheck::in);
  }

  private static boolean in(Element element) {
    if (element == null) {
      return false;
    }
    AtomicBoolean found = new AtomicBoolean();
    ElementWalker.walk(
        element,
        new ElementVisitorBase() {
          @Override
          public void visit(ElementService el) {
            found.set(true);
          }

          @Override
          public void visit(ElementSubQuery el) {
            found.compareAndSet(false, usesService(el.getQuery()));
          }

          @Override
          public void visit(ElementFilter el) {
            found.compareAndSet(false, in(el.getExpr()));
          }

          @Override
          public void visit(ElementBind el) {
            found.compareAndSet(false, in(el.getExpr()));
          }

          @Override
          public void visit(ElementAssign el) {
            found.compareAndSet(false, in(el.getExpr()));
          }
        });
    return found.get();
  }

  private static boolean in(Expr expr) {
    if (expr == null) {
      return false;
    }
    AtomicBoolean found = new AtomicBoolean();
    Walker.walk(
        expr,
        new ExprVisitorBase() {
          @Override
          public void visit(ExprFunctionOp op) {
            found.compareAndSet(false, in(op.getElement()));
          }
        });
    return found.get();
  }
}
