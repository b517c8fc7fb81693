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
        services.AddSingleton<VideoRemovalHub>();
        return services;
    }

    // The standard introspection query nests TypeRef eight levels deep, so one plain __schema or __type query is
    // exempt from depth and cost (the document budget still counts its fields). Anything more, such as a thousand
    // aliased __schema selections, is priced like any other query.
    private static bool IsIntrospectionOnly(GraphQLOperationDefinition operation)
    {
        var fields = operation.SelectionSet.Selections.OfType<GraphQLField>().ToList();
        if (fields.Count != operation.SelectionSet.Selections.Count) return false;
        var roots = fields.Where(f => f.Name.StringValue != "__typename").ToList();
        return roots.Count == 1 && roots[0].Name.StringValue is "__schema" or "__type";
    }
}
