using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Cameos;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

/// <summary>The owner's consent controls. Each acts on the caller's own cameo; anyone else's is NOT_FOUND.</summary>
public static class CameoConsentMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        Add(mutation, "setCameoAudience", "Who may use the cameo by default.",
            [Required<CameoAudienceType>("audience")], i => new ConsentChange.SetAudience(Enum.Parse<CameoAudience>(i["audience"]!.ToString()!, true)));
        Add(mutation, "grantCameoAccess", "Lets one account use the cameo, optionally until a time or for a number of uses.",
            [Required<IdGraphType>("accountId"), Optional<DateTimeOffsetGraphType>("expiresAt"), Optional<IntGraphType>("maxUses")],
            i => new ConsentChange.Grant(Id(i, "accountId"), i.TryGetValue("expiresAt", out var e) ? (DateTimeOffset?)e : null,
                i.TryGetValue("maxUses", out var m) ? (int?)m : null));
        Add(mutation, "revokeCameoGrant", "Ends a grant at once: no new use is accepted under it from the moment this commits.",
            [Required<IdGraphType>("grantId")], i => new ConsentChange.RevokeGrant(Id(i, "grantId")));
        Add(mutation, "blockFromCameo", "Refuses an account even under EVERYONE, and ends its grants.",
            [Required<IdGraphType>("accountId")], i => new ConsentChange.Block(Id(i, "accountId")));
        Add(mutation, "unblockFromCameo", "Lifts a cameo block. Ended grants stay ended.",
            [Required<IdGraphType>("accountId")], i => new ConsentChange.Unblock(Id(i, "accountId")));
        Add(mutation, "setCameoRestrictions", "Free-text rules checked against every prompt (e.g. \"no political content\"); see docs/cameos.md.",
            [new QueryArgument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>> { Name = "rules" }],
            i => new ConsentChange.SetRestrictions(((IEnumerable<object?>)i["rules"]!).Select(r => r!.ToString()!).ToArray()));
        Add(mutation, "setCameoApprovalMode", "When required, uses by others wait for the owner's approval before publishing.",
            [Required<BooleanGraphType>("required")], i => new ConsentChange.SetApprovalMode((bool)i["required"]!));
        Add(mutation, "deactivateCameo", "Stops every new use of the cameo, whatever the grants and audience.", [], _ => new ConsentChange.Deactivate());
        Add(mutation, "reactivateCameo", "Undoes deactivateCameo.", [], _ => new ConsentChange.Reactivate());
    }

    private static QueryArgument Required<T>(string name) where T : IGraphType => new QueryArgument<NonNullGraphType<T>> { Name = name };
    private static QueryArgument Optional<T>(string name) where T : IGraphType => new QueryArgument<T> { Name = name };

    private static Guid Id(IDictionary<string, object?> input, string field) =>
        ResolveContextExtensions.ParseId(input[field]?.ToString(), field);

    private static void Add(ObjectGraphType mutation, string name, string description, QueryArgument[] fields,
        Func<IDictionary<string, object?>, ConsentChange> change)
    {
        var input = new InputObjectGraphType { Name = char.ToUpperInvariant(name[0]) + name[1..] + "Input" };
        input.Field<NonNullGraphType<IdGraphType>>("cameoId");
        foreach (var field in fields) input.AddField(new FieldType { Name = field.Name, Type = field.Type, ResolvedType = field.ResolvedType });

        mutation.Field<NonNullGraphType<CameoPayloadType>>(name).Description(description)
            .Arguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var values = ctx.GetArgument<Dictionary<string, object?>>("input");
                var cameoId = Id(values, "cameoId");
                var result = await ctx.SendAsync<ConsentChangeResult>(new ChangeCameoConsent(actor, cameoId, change(values)));
                var errors = Refusals.ToUserErrors(result.Refusal);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new ConsentChangeOutcome(await session.LoadAsync<Cameo>(cameoId, ctx.CancellationToken), result.GrantId, errors);
            });
    }
}
