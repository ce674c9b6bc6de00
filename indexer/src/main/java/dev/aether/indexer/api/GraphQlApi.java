package dev.aether.indexer.api;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The GraphQL API ({@code /graphql}): the schema in {@code graphql/schema.graphqls} wired to {@link
 * Queries}. Every query is bounded before it runs: nesting at most {@link #MAX_DEPTH} levels, an
 * estimated cost (each field 1, a list field's subtree times its page size) at most {@link
 * #MAX_COMPLEXITY}, pages at most {@link Queries#MAX_PAGE}; and each SQL statement has a timeout.
 * Errors name the bad argument; internal failures are logged and answered without details.
 */
public final class GraphQlApi {
  private static final Logger LOG = Logger.getLogger(GraphQlApi.class.getName());
  public static final int MAX_DEPTH = 8;
  public static final int MAX_COMPLEXITY = 20_000;

  private final GraphQL graphql;

  /**
   * @param finalizedHeight the node's finalized height, or -1 when unknown
   */
  public GraphQlApi(Queries q, LongSupplier finalizedHeight) {
    ProgramQueries pq = new ProgramQueries(q);
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .scalar(LONG)
            .type(
                "Query",
                t ->
                    t.dataFetcher(
                            "head",
                            e ->
                                q.head()
                                    .map(
                                        m -> {
                                          long f = finalizedHeight.getAsLong();
                                          m.put("finalizedHeight", f < 0 ? null : f);
                                          return m;
                                        })
                                    .orElseThrow(() -> new BadInput("nothing indexed yet")))
                        .dataFetcher(
                            "block",
                            e ->
                                q.block(e.getArgument("height"), e.getArgument("hash"))
                                    .orElse(null))
                        .dataFetcher(
                            "blocks",
                            e -> q.blocks(e.getArgument("first"), e.getArgument("before")))
                        .dataFetcher(
                            "transaction", e -> q.transaction(e.getArgument("hash")).orElse(null))
                        .dataFetcher(
                            "transactions",
                            e ->
                                q.transactions(
                                    e.getArgument("first"),
                                    e.getArgument("after"),
                                    e.getArgument("account"),
                                    e.getArgument("kind"),
                                    e.getArgument("status"),
                                    e.getArgument("height")))
                        .dataFetcher(
                            "account",
                            e -> {
                              String a = e.getArgument("address");
                              Queries.h256(a, "address");
                              return Map.of("address", a.toLowerCase(java.util.Locale.ROOT));
                            })
                        .dataFetcher("validators", e -> q.validators())
                        .dataFetcher("job", e -> q.job(e.getArgument("id")).orElse(null))
                        .dataFetcher(
                            "jobs",
                            e ->
                                q.jobs(
                                    e.getArgument("first"),
                                    e.getArgument("after"),
                                    e.getArgument("status"),
                                    e.getArgument("provider")))
                        .dataFetcher("search", e -> q.search(e.getArgument("query")))
                        .dataFetcher(
                            "pools", e -> pq.pools(e.getArgument("first"), e.getArgument("after")))
                        .dataFetcher(
                            "pool",
                            e ->
                                pq.pool(e.getArgument("assetA"), e.getArgument("assetB"))
                                    .orElse(null))
                        .dataFetcher(
                            "swaps",
                            e ->
                                pq.swaps(
                                    e.getArgument("first"),
                                    e.getArgument("after"),
                                    e.getArgument("trader")))
                        .dataFetcher(
                            "proposal", e -> pq.proposal(e.<Long>getArgument("id")).orElse(null))
                        .dataFetcher(
                            "proposals",
                            e ->
                                pq.proposals(
                                    e.getArgument("first"),
                                    e.getArgument("after"),
                                    e.getArgument("status"),
                                    e.getArgument("proposer")))
                        .dataFetcher(
                            "treasurySpends", e -> pq.treasurySpends(e.getArgument("first"))))
            .type(
                "Pool",
                t ->
                    t.dataFetcher(
                            "swaps",
                            e ->
                                pq.poolSwaps(
                                    src(e, "assetAId"), src(e, "assetBId"), e.getArgument("first")))
                        .dataFetcher(
                            "liquidity",
                            e ->
                                pq.poolLiquidity(
                                    src(e, "assetAId"),
                                    src(e, "assetBId"),
                                    e.getArgument("first"))))
            .type(
                "Proposal",
                t ->
                    t.dataFetcher("deposits", e -> pq.deposits(src(e, "id")))
                        .dataFetcher("payments", e -> pq.payments(src(e, "id")))
                        .dataFetcher(
                            "votes",
                            e ->
                                pq.votes(
                                    src(e, "id"),
                                    e.getArgument("first"),
                                    e.<Boolean>getArgument("latest"))))
            .type(
                "Block",
                t ->
                    t.dataFetcher(
                            "transactions",
                            e -> q.blockTransactions(src(e, "height"), e.getArgument("first")))
                        .dataFetcher(
                            "blockEvents",
                            e ->
                                q.blockEvents(
                                    src(e, "height"),
                                    e.getArgument("first"),
                                    e.getArgument("after"))))
            .type(
                "Transaction",
                t ->
                    t.dataFetcher("calls", e -> q.calls(src(e, "hash")))
                        .dataFetcher("events", e -> q.events(src(e, "hash")))
                        .dataFetcher("accounts", e -> q.txAccounts(src(e, "hash"))))
            .type(
                "Account",
                t ->
                    t.dataFetcher("balances", e -> q.balances(src(e, "address")))
                        .dataFetcher("txCount", e -> q.txCount(src(e, "address")))
                        .dataFetcher(
                            "transactions",
                            e ->
                                q.transactions(
                                    e.getArgument("first"),
                                    e.getArgument("after"),
                                    src(e, "address"),
                                    null,
                                    null,
                                    null))
                        .dataFetcher(
                            "balanceChanges",
                            e ->
                                q.balanceChanges(
                                    src(e, "address"),
                                    e.getArgument("first"),
                                    e.getArgument("after")))
                        .dataFetcher(
                            "blockEvents",
                            e ->
                                q.accountBlockEvents(
                                    src(e, "address"),
                                    e.getArgument("first"),
                                    e.getArgument("after")))
                        .dataFetcher("utxos", e -> q.utxos(src(e, "address")))
                        .dataFetcher(
                            "stakingActions",
                            e ->
                                q.stakingActions(
                                    "account", src(e, "address"), e.getArgument("first"))))
            .type(
                "Validator",
                t ->
                    t.dataFetcher(
                        "stakingActions",
                        e ->
                            q.stakingActions(
                                "validator", src(e, "address"), e.getArgument("first"))))
            .type(
                "Job",
                t ->
                    t.dataFetcher("events", e -> q.jobEvents(src(e, "id")))
                        .dataFetcher("vcrs", e -> q.vcrs(src(e, "id")))
                        .dataFetcher("disputes", e -> q.disputes(src(e, "id"))))
            .build();
    GraphQLSchema schema =
        new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(schemaText()), wiring);
    this.graphql =
        GraphQL.newGraphQL(schema)
            .instrumentation(
                new ChainedInstrumentation(
                    List.of(
                        new MaxQueryDepthInstrumentation(MAX_DEPTH),
                        new MaxQueryComplexityInstrumentation(
                            MAX_COMPLEXITY,
                            (env, child) -> {
                              Object first = env.getArguments().get("first");
                              int n = first instanceof Integer i ? Math.max(1, i) : 1;
                              return 1 + child * n;
                            }))))
            .defaultDataFetcherExceptionHandler(new Errors())
            .build();
  }

  @SuppressWarnings("unchecked")
  private static <T> T src(DataFetchingEnvironment e, String field) {
    return (T) ((Map<String, Object>) e.getSource()).get(field);
  }

  /** The schema text (served at {@code /graphql/schema.graphqls} too). */
  public static String schemaText() {
    try (InputStream in = GraphQlApi.class.getResourceAsStream("/graphql/schema.graphqls")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one request; the result's {@code toSpecification()} is the JSON answer. */
  public ExecutionResult execute(String query, Map<String, Object> variables, String operation) {
    ExecutionInput.Builder in =
        ExecutionInput.newExecutionInput()
            .query(query)
            .variables(variables == null ? Map.of() : variables);
    if (operation != null) {
      in.operationName(operation);
    }
    return graphql.execute(in.build());
  }

  /** Turns fetch failures into errors: bad input by its message, anything else without details. */
  private static final class Errors implements DataFetcherExceptionHandler {
    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
        graphql.execution.DataFetcherExceptionHandlerParameters p) {
      Throwable t = p.getException();
      String message;
      if (t instanceof BadInput b) {
        message = b.getMessage();
      } else {
        LOG.log(Level.WARNING, "query failed at " + p.getPath(), t);
        message = "internal error";
      }
      GraphQLError err =
          GraphqlErrorBuilder.newError(p.getDataFetchingEnvironment()).message(message).build();
      return CompletableFuture.completedFuture(
          DataFetcherExceptionHandlerResult.newResult().error(err).build());
    }
  }

  /** A 64-bit integer written as a JSON integer (heights, slots, nonces, steps). */
  static final GraphQLScalarType LONG =
      GraphQLScalarType.newScalar()
          .name("Long")
          .description("A 64-bit integer")
          .coercing(
              new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object v) {
                  if (v instanceof Number n) {
                    return n.longValue();
                  }
                  throw new CoercingSerializeException("not a number: " + v);
                }

                @Override
                public Long parseValue(Object v) {
                  if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
                    return n.longValue();
                  }
                  if (v instanceof String s) {
                    return parse(s, CoercingParseValueException::new);
                  }
                  throw new CoercingParseValueException("expected an integer, got " + v);
                }

                @Override
                public Long parseLiteral(Object v) {
                  if (v instanceof IntValue i) {
                    return fits(i.getValue(), CoercingParseLiteralException::new);
                  }
                  if (v instanceof StringValue s) {
                    return parse(s.getValue(), CoercingParseLiteralException::new);
                  }
                  throw new CoercingParseLiteralException("expected an integer");
                }

                private <E extends RuntimeException> Long parse(
                    String s, java.util.function.Function<String, E> err) {
                  try {
                    return Long.parseLong(s);
                  } catch (NumberFormatException e) {
                    throw err.apply("not a 64-bit integer: " + s);
                  }
                }

                private <E extends RuntimeException> Long fits(
                    BigInteger b, java.util.function.Function<String, E> err) {
                  if (b.bitLength() > 63) {
                    throw err.apply("integer out of range: " + b);
                  }
                  return b.longValue();
                }
              })
          .build();

  /** For REST: runs {@code query} and returns its data, or the first error's message. */
  public Optional<Object> data(String query, Map<String, Object> variables) {
    ExecutionResult r = execute(query, variables, null);
    if (!r.getErrors().isEmpty()) {
      throw new BadInput(r.getErrors().getFirst().getMessage());
    }
    return Optional.ofNullable(r.getData());
  }
}
