package org.datasharing.registry.core.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts every matching document and, per facet, every value's documents by reading the facets'
 * sorted-set doc values: exact whatever the number of matches (no top-N cap), without scoring.
 */
final class FacetCounter implements CollectorManager<FacetCounter.Leaves, FacetCounter.Counts> {
  private final List<Facet> facets;

  FacetCounter(List<Facet> facets) {
    this.facets = List.copyOf(facets);
  }

  /** The number of matches and the counts per facet value. */
  record Counts(long matches, Map<Facet, Map<String, Long>> byFacet) {}

  @Override
  public Leaves newCollector() {
    return new Leaves(facets);
  }

  @Override
  public Counts reduce(Collection<Leaves> collectors) throws IOException {
    long matches = 0;
    Map<Facet, Map<String, Long>> out = new EnumMap<>(Facet.class);
    facets.forEach(f -> out.put(f, new HashMap<>()));
    for (Leaves c : collectors) {
      matches += c.matches;
      for (LeafCounts leaf : c.leaves) {
        for (int i = 0; i < facets.size(); i++) {
          SortedSetDocValues dv = leaf.values[i];
          long[] counts = leaf.counts[i];
          for (int ord = 0; ord < counts.length; ord++) {
            if (counts[ord] > 0) {
              out.get(facets.get(i))
                  .merge(dv.lookupOrd(ord).utf8ToString(), counts[ord], Long::sum);
            }
          }
        }
      }
    }
    return new Counts(matches, out);
  }

  /** Per-segment ordinals and their counts, resolved to values in {@link #reduce}. */
  private record LeafCounts(SortedSetDocValues[] values, long[][] counts) {}

  /** Collects one slice of the index, segment by segment. */
  static final class Leaves implements Collector {
    private final List<Facet> facets;
    private final List<LeafCounts> leaves = new ArrayList<>();
    private long matches;

    Leaves(List<Facet> facets) {
      this.facets = facets;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      int n = facets.size();
      // one iterator to count with, a second kept for resolving ordinals afterwards
      SortedSetDocValues[] iterate = new SortedSetDocValues[n];
      SortedSetDocValues[] lookup = new SortedSetDocValues[n];
      long[][] counts = new long[n][];
      for (int i = 0; i < n; i++) {
        iterate[i] = DocValues.getSortedSet(context.reader(), facets.get(i).field());
        lookup[i] = DocValues.getSortedSet(context.reader(), facets.get(i).field());
        counts[i] = new long[Math.toIntExact(iterate[i].getValueCount())];
      }
      leaves.add(new LeafCounts(lookup, counts));
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          matches++;
          for (int i = 0; i < n; i++) {
            if (iterate[i].advanceExact(doc)) {
              for (int k = 0; k < iterate[i].docValueCount(); k++) {
                counts[i][(int) iterate[i].nextOrd()]++;
              }
            }
          }
        }
      };
    }
  }
}
