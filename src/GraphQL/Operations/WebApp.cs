using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Sora.GraphQL.Operations;

/// <summary>
/// Serves the reference web client that "./sora up" builds with Vite into web/app/dist: index.html at "/", and the
/// files of dist/ (hashed assets, the icon) by their paths. Only files that exist in dist/ are answered, so no API
/// path is ever shadowed; the app routes with the URL's hash, so no fallback route is needed either.
/// </summary>
public static class WebApp
{
    // The app talks only to this host (HTTP and the graphql-transport-ws socket: CSP3's 'self' covers ws: and wss:
    // on the same host) and plays media from it. Inline styles are the components' own style attributes.
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; " +
                                  "media-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <param name="endpoints">The host's endpoint list (name to path), answered at /api with the app's own entry.</param>
    public static void MapWebApp(this WebApplication app, string? configuredPath, IReadOnlyDictionary<string, string> endpoints)
    {
        var path = configuredPath ?? FindDist();
        var listing = new Dictionary<string, string>(endpoints) { ["app"] = "/" };
        app.MapGet("/api", () => Results.Json(listing));
        if (path is null || !File.Exists(Path.Combine(path, "index.html")))
        {
            // Without a build, "/" stays what it was (the endpoint list), and says how to get the app.
            var unbuilt = new Dictionary<string, string>(endpoints) { ["hint"] = "The web client is not built: run ./sora up (or ./sora web) to build it." };
            app.MapGet("/", () => Results.Json(unbuilt));
            return;
        }
        var files = new PhysicalFileProvider(Path.GetFullPath(path));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "" });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                // Vite names assets by their content hash: they never change, so browsers may keep them for good.
                // index.html names the current ones, so it is checked on every load.
                headers[HeaderNames.CacheControl] = ctx.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
                headers["X-Content-Type-Options"] = "nosniff";
                if (ctx.File.Name.EndsWith(".html", StringComparison.Ordinal))
                {
                    headers["Content-Security-Policy"] = Policy;
                    headers["Referrer-Policy"] = "same-origin";
                }
            },
        });
    }

    // Walks up from the binary to the repository's web/app/dist.
    private static string? FindDist()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "app", "dist");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
