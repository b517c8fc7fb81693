using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using Sora.GraphQL.Notifications;
using Sora.GraphQL.Schema;
using Sora.GraphQL.Transport;

namespace Sora.GraphQL.Composition;

public static class GraphQLSetup
{
    public static IServiceCollection AddSoraGraphQL(this IServiceCollection services, GraphQLLimits limits)
    {
        services.AddGraphQL(b => b
            .AddSchema<SoraSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(SoraSchema).Assembly)
            .AddErrorInfoProvider<ErrorCodesProvider>()
            .AddComplexityAnalyzer(c =>
            {
                // Checked here rather than through MaxDepth/MaxComplexity so each limit gets its own code.
                c.ValidateComplexityDelegate = ctx =>
                {
                    if (IsIntrospectionOnly(ctx.ValidationContext.Operation)) return Task.CompletedTask;
                    if (ctx.MaxDepth > limits.MaxDepth)
                        ctx.Error = new ValidationError($"The query is {ctx.MaxDepth} levels deep; the limit is {limits.MaxDepth}.")
                            { Code = "QUERY_TOO_DEEP" };
                    else if (ctx.TotalImpact > limits.MaxComplexity)
                        ctx.Error = new ValidationError($"The query costs {ctx.TotalImpact:0}; the limit is {limits.MaxComplexity}.")
                            { Code = "QUERY_TOO_COMPLEX" };
                    return Task.CompletedTask;
                };
            })
            .AddUnhandledExceptionHandler(ctx =>
            {
                var logger = ctx.Context?.RequestServices?.GetService<ILogger<SoraSchema>>();
                logger?.LogError(ctx.OriginalException, "GraphQL resolver failed at {Path}", ctx.FieldContext?.Path);
            }));

        services.AddSingleton<GraphQLRunner>();
        services.AddSingleton<NotificationHub>();
        return services;
    }

    // The standard introspection query nests TypeRef eight levels deep; only pure introspection is exempt.
    private static bool IsIntrospectionOnly(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.All(s => s is GraphQLField f && f.Name.StringValue.StartsWith("__", StringComparison.Ordinal));
}
