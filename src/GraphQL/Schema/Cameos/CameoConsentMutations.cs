using Sora.Domain.Common;
using GraphQL;
using GraphQL.Types;
using Sora.Domain.Cameos;

namespace Sora.GraphQL.Schema.Cameos;

/// <summary>The owner's consent controls. Each acts on the caller's own cameo; anyone else's is NOT_FOUND.</summary>
public static class CameoConsentMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        Add(mutation, "setCameoAudience", "Who may use the cameo by default.",
            [CameoMutation.Required<CameoAudienceType>("audience")], i => new ConsentChange.SetAudience(Enum.Parse<CameoAudience>(i["audience"]!.ToString()!, true)));
        Add(mutation, "grantCameoAccess", "Lets one account use the cameo, optionally until a time or for a number of uses.",
            [CameoMutation.Required<IdGraphType>("accountId"), CameoMutation.Optional<DateTimeOffsetGraphType>("expiresAt"), CameoMutation.Optional<IntGraphType>("maxUses")],
            i => new ConsentChange.Grant(CameoMutation.Id(i, "accountId"), i.TryGetValue("expiresAt", out var e) ? (DateTimeOffset?)e : null,
                i.TryGetValue("maxUses", out var m) ? (int?)m : null));
        Add(mutation, "revokeCameoGrant", "Ends a grant at once: no new use is accepted under it from the moment this commits.",
            [CameoMutation.Required<IdGraphType>("grantId")], i => new ConsentChange.RevokeGrant(CameoMutation.Id(i, "grantId")));
        Add(mutation, "blockFromCameo", "Refuses an account even under EVERYONE, and ends its grants.",
            [CameoMutation.Required<IdGraphType>("accountId")], i => new ConsentChange.Block(CameoMutation.Id(i, "accountId")));
        Add(mutation, "unblockFromCameo", "Lifts a cameo block. Ended grants stay ended.",
            [CameoMutation.Required<IdGraphType>("accountId")], i => new ConsentChange.Unblock(CameoMutation.Id(i, "accountId")));
        Add(mutation, "setCameoRestrictions", "Free-text rules checked against every prompt (e.g. \"no political content\"); see docs/cameos.md.",
            [new QueryArgument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>> { Name = "rules" }],
            i => new ConsentChange.SetRestrictions(((IEnumerable<object?>)i["rules"]!).Select(r => r!.ToString()!).ToArray()));
        Add(mutation, "setCameoApprovalMode", "When required, uses by others wait for the owner's approval before publishing.",
            [CameoMutation.Required<BooleanGraphType>("required")], i => new ConsentChange.SetApprovalMode((bool)i["required"]!));
        Add(mutation, "deactivateCameo", "Stops every new use of the cameo, whatever the grants and audience.", [], _ => new ConsentChange.Deactivate());
        Add(mutation, "reactivateCameo", "Undoes deactivateCameo.", [], _ => new ConsentChange.Reactivate());
    }

    private static void Add(ObjectGraphType mutation, string name, string description, QueryArgument[] fields,
        Func<IDictionary<string, object?>, ConsentChange> change) =>
        CameoMutation.Add<CommandResult>(mutation, name, description, fields,
            (by, cameoId, input) => new ChangeCameoConsent(by, cameoId, change(input)), r => (r.Id, r.Refusal));
}
