using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Sora.Domain.Tests.Architecture;

/// <summary>
/// The projects reference only what docs/architecture.md allows: the table under "Projects and what each may touch"
/// is read as the rule, so changing the boundary means changing the document first.
/// </summary>
public sealed partial class ProjectReferenceTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sora.sln"))) return dir.FullName;
        throw new InvalidOperationException("Sora.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Rows of "| `src/X` | `src/Y`, `src/Z` |" (or "nothing") in the architecture page's table.</summary>
    private static Dictionary<string, HashSet<string>> AllowedByDocs()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));
        var start = text.IndexOf("## Projects and what each may touch", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/architecture.md has no \"Projects and what each may touch\" section");
        var end = text.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        var allowed = new Dictionary<string, HashSet<string>>();
        foreach (Match row in TableRow().Matches(section))
            allowed[row.Groups[1].Value] = ProjectName().Matches(row.Groups[2].Value).Select(m => m.Groups[1].Value).ToHashSet();
        return allowed;
    }

    private static HashSet<string> ReferencesOf(string project)
    {
        var file = Directory.GetFiles(Path.Combine(Root, project), "*.csproj").Single();
        return XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, r.Attribute("Include")!.Value))))
            .Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/'))
            .ToHashSet();
    }

    [Fact]
    public void Every_project_under_src_references_only_what_the_architecture_page_allows()
    {
        var allowed = AllowedByDocs();
        var projects = Directory.GetDirectories(Path.Combine(Root, "src")).Select(d => "src/" + Path.GetFileName(d)).Order().ToList();
        Assert.Equal(projects, allowed.Keys.Order().ToList()); // every project is in the table, and the table names no other
        foreach (var project in projects)
        {
            var forbidden = ReferencesOf(project).Except(allowed[project]).ToList();
            Assert.True(forbidden.Count == 0, $"{project} references {string.Join(", ", forbidden)}, which docs/architecture.md does not allow");
        }
    }

    [Fact]
    public void Domain_references_no_project_and_Render_and_Projections_only_Domain()
    {
        // Said twice on purpose: the table could be edited to allow anything; these three are the shape itself.
        var allowed = AllowedByDocs();
        Assert.Empty(allowed["src/Domain"]);
        Assert.Equal(["src/Domain"], allowed["src/Render"]);
        Assert.Equal(["src/Domain"], allowed["src/Projections"]);
        Assert.Empty(ReferencesOf("src/Domain"));
        Assert.Equal(["src/Domain"], ReferencesOf("src/Render"));
        Assert.Equal(["src/Domain"], ReferencesOf("src/Projections"));
    }

    [GeneratedRegex(@"^\|\s*`(src/[A-Za-z]+)`\s*\|([^|\n]*)\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`(src/[A-Za-z]+)`")]
    private static partial Regex ProjectName();
}
