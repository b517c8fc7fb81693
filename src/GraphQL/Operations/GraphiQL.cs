using Microsoft.Extensions.FileProviders;

namespace Sora.GraphQL.Operations;

public static class GraphiQL
{
    /// <summary>
    /// Serves the GraphiQL bundle that "./sora up" builds from the npm graphiql package into web/graphiql/dist.
    /// Nothing is fetched from a CDN at run time. Without a build, /graphiql says how to make one.
    /// </summary>
    public static void MapGraphiQL(this WebApplication app, string? configuredPath)
    {
        var path = configuredPath ?? FindDist();
        if (path is null || !File.Exists(Path.Combine(path, "index.html")))
        {
            app.MapGet("/graphiql", () => Results.Text(
                "GraphiQL is not built. Run ./sora up (or ./sora web) to build it from the npm graphiql package.",
                statusCode: StatusCodes.Status503ServiceUnavailable));
            return;
        }
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = new PhysicalFileProvider(path), RequestPath = "/graphiql" });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(path), RequestPath = "/graphiql" });
    }

    // Walks up from the binary to the repository's web/graphiql/dist.
    private static string? FindDist()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "graphiql", "dist");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
