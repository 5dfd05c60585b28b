package org.datasharing.registry.core.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.datasharing.registry.core.catalog.Dataset;

/**
 * The Lucene index behind dataset search: one document per dataset, so a match is a dataset and
 * counts are exact. Text fields (title, keywords, description) are analysed in English; each facet
 * value is both a keyword term (to filter) and a sorted-set doc value (to count). The stored fields
 * rebuild the dataset, and a fingerprint per document lets the index be reconciled with the store.
 */
final class DatasetIndex implements AutoCloseable {
  static final String ID = "id";
  private static final String FINGERPRINT = "fingerprint";
  private static final String TITLE = "title";
  private static final String DESCRIPTION = "description";
  private static final String KEYWORD = "keyword";
  private static final String DISCOVERABLE = "discoverable";
  private static final String TITLE_SORT = "sort.title";
  private static final Map<String, Float> BOOSTS =
      Map.of(TITLE, 3.0f, KEYWORD, 2.0f, DESCRIPTION, 1.0f);

  private final Directory directory;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private DatasetIndex(Directory directory) {
    try {
      this.directory = directory;
      this.writer =
          new IndexWriter(
              directory,
              new IndexWriterConfig(analyzer)
                  .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index", e);
    }
  }

  static DatasetIndex inMemory() {
    return new DatasetIndex(new ByteBuffersDirectory());
  }

  static DatasetIndex open(Path folder) {
    try {
      return new DatasetIndex(FSDirectory.open(folder));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index in " + folder, e);
    }
  }

  // ------------------------------------------------------------------ writing

  synchronized void put(Collection<IndexedDataset> datasets) {
    try {
      for (IndexedDataset d : datasets) {
        writer.updateDocument(new Term(ID, d.dataset().id()), document(d));
      }
      publish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void delete(Collection<String> ids) {
    try {
      for (String id : ids) {
        writer.deleteDocuments(new Term(ID, id));
      }
      publish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void deleteAll() {
    try {
      writer.deleteAll();
      publish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void publish() throws IOException {
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  private static Document document(IndexedDataset indexed) {
    Dataset d = indexed.dataset();
    Document doc = new Document();
    doc.add(new StringField(ID, d.id(), Field.Store.YES));
    doc.add(new StoredField(FINGERPRINT, indexed.fingerprint()));
    text(doc, TITLE, d.title());
    text(doc, DESCRIPTION, d.description());
    d.keywords().forEach(k -> text(doc, KEYWORD, k));
    String title = d.title() == null ? d.id() : d.title();
    doc.add(new SortedDocValuesField(TITLE_SORT, new BytesRef(title.toLowerCase(Locale.ROOT))));
    doc.add(
        new StringField(
            DISCOVERABLE, String.valueOf(!Boolean.FALSE.equals(d.discoverable())), Field.Store.NO));
    for (Facet f : Facet.values()) {
      for (String v : f.valuesOf(indexed)) {
        doc.add(new StringField(f.field(), v, Field.Store.NO));
        doc.add(new SortedSetDocValuesField(f.field(), new BytesRef(v)));
      }
    }
    Stored.write(doc, indexed);
    return doc;
  }

  private static void text(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) {
      doc.add(new TextField(field, value, Field.Store.NO));
    }
  }

  // ------------------------------------------------------------------ reading

  /** Every indexed dataset's fingerprint, by identifier. */
  Map<String, String> fingerprints() {
    Map<String, String> out = new HashMap<>();
    withSearcher(
        s -> {
          StoredFields stored = s.storedFields();
          for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            var live = leaf.reader().getLiveDocs();
            for (int i = 0; i < leaf.reader().maxDoc(); i++) {
              if (live == null || live.get(i)) {
                Document doc = stored.document(leaf.docBase + i, java.util.Set.of(ID, FINGERPRINT));
                out.put(doc.get(ID), doc.get(FINGERPRINT));
              }
            }
          }
          return null;
        });
    return out;
  }

  int size() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /** The identifiers of the indexed datasets with one facet value (e.g. a publisher's). */
  List<String> idsWith(Facet facet, String value) {
    return withSearcher(
        s -> {
          TopDocs top =
              s.search(
                  new TermQuery(new Term(facet.field(), value)),
                  Math.max(1, s.getIndexReader().numDocs()));
          List<String> ids = new ArrayList<>();
          StoredFields stored = s.storedFields();
          for (ScoreDoc sd : top.scoreDocs) {
            ids.add(stored.document(sd.doc, java.util.Set.of(ID)).get(ID));
          }
          return ids;
        });
  }

  /** Parses free text in Lucene's classic syntax over title (boosted), keywords and description. */
  Query parse(String q) throws ParseException {
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(new String[] {TITLE, KEYWORD, DESCRIPTION}, analyzer, BOOSTS);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setAllowLeadingWildcard(false);
    return parser.parse(q);
  }

  /** Datasets any caller may see, plus (for a member) those its organisation publishes. */
  static Query visibleTo(Optional<String> organisation) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(DISCOVERABLE, "true")), BooleanClause.Occur.SHOULD);
    organisation.ifPresent(
        o ->
            b.add(new TermQuery(new Term(Facet.PUBLISHER.field(), o)), BooleanClause.Occur.SHOULD));
    return b.setMinimumNumberShouldMatch(1).build();
  }

  /** One page of matches with the exact total and drill-sideways facet counts. */
  record Page(long total, List<Hit> hits, Map<Facet, Map<String, Long>> counts) {}

  /** A matching dataset; score is null when there was no text query. */
  record Hit(IndexedDataset dataset, Float score) {}

  /**
   * Searches: {@code text} (null for all) AND {@code visibility} (null for everything) AND each
   * facet's values (OR-ed). Ranked by score with a text query, else by title.
   */
  Page search(
      Query text, Query visibility, Map<Facet, List<String>> filters, int offset, int size) {
    return withSearcher(
        s -> {
          Query query = combine(text, visibility, filters, null);
          int depth = Math.max(1, offset + size);
          TopDocs top =
              text == null
                  ? s.search(
                      query, depth, new Sort(new SortField(TITLE_SORT, SortField.Type.STRING)))
                  : s.search(query, depth);
          List<Hit> hits = new ArrayList<>();
          StoredFields stored = s.storedFields();
          for (int i = offset; i < top.scoreDocs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            hits.add(new Hit(Stored.read(stored.document(sd.doc)), text == null ? null : sd.score));
          }
          FacetCounter.Counts all = s.search(query, new FacetCounter(List.of(Facet.values())));
          Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);
          for (Facet f : Facet.values()) {
            if (filters.containsKey(f)) {
              // drill sideways: this facet's counts as if its own filter were not set
              Query without = combine(text, visibility, filters, f);
              counts.put(f, s.search(without, new FacetCounter(List.of(f))).byFacet().get(f));
            } else {
              counts.put(f, all.byFacet().get(f));
            }
          }
          return new Page(all.matches(), hits, counts);
        });
  }

  private static Query combine(
      Query text, Query visibility, Map<Facet, List<String>> filters, Facet except) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(text == null ? new MatchAllDocsQuery() : text, BooleanClause.Occur.MUST);
    if (visibility != null) {
      b.add(visibility, BooleanClause.Occur.FILTER);
    }
    filters.forEach(
        (facet, values) -> {
          if (facet != except && !values.isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            values.forEach(
                v ->
                    any.add(new TermQuery(new Term(facet.field(), v)), BooleanClause.Occur.SHOULD));
            b.add(any.build(), BooleanClause.Occur.FILTER);
          }
        });
    return b.build();
  }

  @FunctionalInterface
  private interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherFunction<T> f) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return f.apply(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an on-disk index folder holds an index already. */
  static boolean exists(Path folder) {
    try (Directory d = FSDirectory.open(folder)) {
      return DirectoryReader.indexExists(d);
    } catch (IOException e) {
      return false;
    }
  }
}
