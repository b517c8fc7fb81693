using GraphQL;
using GraphQL.Validation;
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
}
