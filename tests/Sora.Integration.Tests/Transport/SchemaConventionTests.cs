using Sora.Projections.Feed;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Transport;

/// <summary>
/// The schema's conventions (DESIGN §7, docs/graphql.md "Conventions"), checked on the schema the host serves:
/// every mutation takes one non-null <c>input</c> and answers its own payload with <c>errors: [UserError!]!</c>, and
/// every list that can grow is a Relay connection paged by <c>first</c>/<c>after</c>.
/// </summary>
public sealed class SchemaConventionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>
    /// Lists of objects that are not connections on purpose. Each one is bounded by the model, and says by what.
    /// "Type.field"; "*.errors" is any payload's user errors.
    /// </summary>
    private static readonly Dictionary<string, string> BoundedLists = new()
    {
        // One decision refuses for one reason (or a few, one per input field): never a page's worth.
        ["*.errors"] = "a payload's user errors",
        // At most two @mentions per scene (GenerationRules.TooManyCameos), plus the likenesses found in the input
        // image and those inherited from the remixed video, which was bounded the same way.
        ["Generation.cameos"] = "bounded by the prompt's mention limit plus found and inherited likenesses",
        // A plan names at most six kinds of subject (ScenePlanner.MaxSubjects).
        ["ScenePlan.subjects"] = "at most six per plan",
        // At most one label of each ContentLabel kind (four kinds).
        ["Video.labels"] = "one per label kind",
        // A Sora manifest has one actions assertion with one action, and one ingredient per input (at most one input).
        ["Provenance.actions"] = "the actions of one actions assertion (Sora writes one)",
        ["Provenance.ingredients"] = "one per input of the render (a remix source or an input image)",
        ["Provenance.failures"] = "one per failed check of one manifest, bounded by its assertions",
        ["ProvenanceAction.ingredients"] = "the ingredients of one action",
        // The feed connection is itself one page of at most 50 items, paged by a feed-session cursor.
        ["FeedConnection.items"] = "itself one page",
        // One part per term of the ranker's published score (docs/feed.md): a fixed set.
        ["FeedItem.scoreParts"] = "one per ranking term",
        // The video's likeness uses: bounded as Generation.cameos is (one receipt per use).
        ["ModerationCase.consentReceipts"] = "one per likeness use in the video, as Generation.cameos",
        // Aggregates: one row per report reason, per action kind, per takedown outcome (fixed sets).
        ["TransparencyReport.reportsByReason"] = "one per report reason",
        ["TransparencyReport.actionsByKind"] = "one per action kind",
        ["TakedownFigures.byOutcome"] = "one per action kind, plus PENDING",
        // A family is small by rule: two parents per teen, ten teens (invites included) per parent, five invites per teen.
        ["Family.parents"] = "at most Guardianship.MaxParents (2)",
        ["Family.teens"] = "at most Guardianship.MaxTeensPerParent (10)",
        ["Family.invitesReceived"] = "at most Guardianship.MaxPendingInvites (5)",
        ["Family.invitesSent"] = "counted in Guardianship.MaxTeensPerParent (10)",
        ["Query.myDataExports"] = "the 10 most recent (ExportMyDataOperations.Recent); at most 3 a day are made",
        ["Cameo.pendingChanges"] = "at most ConsentChangeContext.MaxPendingChanges (10)",
        // A conversation has at most 32 members (MessagingLimits.MaxGroupMembers); a message's readers are among them.
        ["Conversation.members"] = "at most 32 members",
        ["Message.readBy"] = "among the conversation's at most 32 members",
    };

    private ISchema Schema()
    {
        var schema = Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema;
    }

    private static IGraphType Unwrap(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType!),
        ListGraphType list => Unwrap(list.ResolvedType!),
        _ => type,
    };

    private static bool IsList(IGraphType type) => type is ListGraphType || type is NonNullGraphType { ResolvedType: ListGraphType };

    private static string Show(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Show(nonNull.ResolvedType!) + "!",
        ListGraphType list => "[" + Show(list.ResolvedType!) + "]",
        _ => type.Name,
    };

    private static bool IsConnection(IGraphType type) =>
        Unwrap(type) is IObjectGraphType obj && obj.GetField("pageInfo") is not null && !IsList(type);

    private IEnumerable<IObjectGraphType> ObjectTypes() =>
        Schema().AllTypes.OfType<IObjectGraphType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal));

    [Fact]
    public void Every_mutation_takes_one_non_null_input()
    {
        var wrong = Schema().Mutation!.Fields
            .Where(f => f.Arguments is not { Count: 1 } args || args[0].Name != "input"
                        || args[0].ResolvedType is not NonNullGraphType { ResolvedType: IInputObjectGraphType })
            .Select(f => $"{f.Name}({string.Join(", ", (f.Arguments ?? []).Select(a => $"{a.Name}: {Show(a.ResolvedType!)}"))})")
            .ToList();
        Assert.True(wrong.Count == 0, "mutations without exactly one 'input: <Input>!':\n  " + string.Join("\n  ", wrong));
    }

    [Fact]
    public void Every_mutation_answers_a_payload_with_user_errors()
    {
        var wrong = Schema().Mutation!.Fields
            .Where(f => Unwrap(f.ResolvedType!) is not IObjectGraphType payload
                        || payload.GetField("errors") is not { } errors || Show(errors.ResolvedType!) != "[UserError!]!")
            .Select(f => $"{f.Name}: {Show(f.ResolvedType!)}")
            .ToList();
        Assert.True(wrong.Count == 0, "mutations whose payload has no 'errors: [UserError!]!':\n  " + string.Join("\n  ", wrong));
    }

    [Fact]
    public void Every_payload_is_its_mutations_own_and_named_after_it()
    {
        // Payloads shared by a family of verbs on one subject (CameoPayload, GenerationPayload, AccountPayload,
        // RelationshipPayload, CreditsPayload, FamilyPayload) are fine; what must not come back is one payload for unrelated verbs.
        var byPayload = Schema().Mutation!.Fields.GroupBy(f => Unwrap(f.ResolvedType!).Name)
            .Where(g => g.Count() > 1 && !SharedPayloads.Contains(g.Key))
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => f.Name))}")
            .ToList();
        Assert.True(byPayload.Count == 0, "payloads shared by unrelated mutations:\n  " + string.Join("\n  ", byPayload));
    }

    /// <summary>Payloads that several verbs on one subject answer, because the client re-renders the same thing.</summary>
    private static readonly HashSet<string> SharedPayloads =
        ["AuthPayload", "AccountPayload", "RelationshipPayload", "CameoPayload", "GenerationPayload", "CreditsPayload", "FamilyPayload"];

    [Fact]
    public void Every_list_that_can_grow_is_a_connection()
    {
        var wrong = new List<string>();
        foreach (var type in ObjectTypes())
        foreach (var field in type.Fields)
        {
            if (!IsList(field.ResolvedType!) || Unwrap(field.ResolvedType!) is not (IObjectGraphType or IInterfaceGraphType or UnionGraphType)) continue;
            if (field.Name == "edges" && type.GetField("pageInfo") is not null) continue;
            if (BoundedLists.ContainsKey($"{type.Name}.{field.Name}")) continue;
            if (field.Name == "errors" && Show(field.ResolvedType!) == "[UserError!]!" && BoundedLists.ContainsKey("*.errors")) continue;
            wrong.Add($"{type.Name}.{field.Name}: {Show(field.ResolvedType!)}");
        }
        Assert.True(wrong.Count == 0, "lists of objects that are neither connections nor known to be bounded:\n  " + string.Join("\n  ", wrong));
    }

    [Fact]
    public void Every_connection_is_paged_by_first_and_after()
    {
        var wrong = ObjectTypes()
            .SelectMany(t => t.Fields.Where(f => IsConnection(f.ResolvedType!)).Select(f => (Type: t, Field: f)))
            .Where(x => x.Field.Arguments?.Find("first")?.ResolvedType?.Name != "Int" || x.Field.Arguments?.Find("after")?.ResolvedType?.Name != "String")
            .Select(x => $"{x.Type.Name}.{x.Field.Name}")
            .ToList();
        Assert.True(wrong.Count == 0, "connections without 'first: Int' and 'after: String':\n  " + string.Join("\n  ", wrong));
    }
}
