using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Operations;

/// <summary>docs/schema.graphql is generated from the code; this fails when it drifts. ./sora schema rewrites it.</summary>
public sealed class SchemaFileTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public void The_committed_sdl_matches_the_code()
    {
        var schema = Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var sdl = schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true })
            .Replace("\r\n", "\n").TrimEnd() + "\n";
        var path = Path.Combine(RepositoryRoot(), "docs", "schema.graphql");

        if (Environment.GetEnvironmentVariable("SORA_UPDATE_SCHEMA") == "1")
            File.WriteAllText(path, sdl);

        Assert.True(File.Exists(path), "docs/schema.graphql is missing: run ./sora schema");
        Assert.True(File.ReadAllText(path) == sdl, "docs/schema.graphql is out of date: run ./sora schema and commit it");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sora.sln"))) return dir.FullName;
        throw new InvalidOperationException("Sora.sln not found above the test binaries");
    }
}
