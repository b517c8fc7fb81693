using GraphQL.Types;
using Sora.Domain.Cameos;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Cameos;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Parental;

public sealed class PendingCameoChangeType : ObjectGraphType<CameoChangeProposed>
{
    public PendingCameoChangeType()
    {
        Name = "PendingCameoChange";
        Description = "A teen's grant or wider audience, waiting for a linked parent's co-signature (approveCameoChange / declineCameoChange).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The proposal; an approved grant keeps this id.").Resolve(ctx => ctx.Source.ProposalId);
        Field<CameoAudienceType>("audience").Description("A proposed audience (null for a grant).").Resolve(ctx => ctx.Source.Audience);
        Field<AccountType>("grantee").Description("A proposed grant's grantee (null for an audience).")
            .Resolve(ctx => ctx.Source.GranteeId is { } g ? ctx.Sora().Loaders.Accounts.Load(g) : null);
        Field(x => x.ExpiresAt, nullable: true);
        Field(x => x.MaxUses, nullable: true);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("proposedAt").Resolve(ctx => ctx.Source.At);
    }
}

/// <summary>The co-signature of a teen's cameo changes: the pending list on the cameo, and the parent's two verbs.</summary>
public static class CameoCosignature
{
    public static void AddFields(ObjectGraphType<Cameo> cameo) =>
        cameo.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PendingCameoChangeType>>>>("pendingChanges")
            .Description($"Changes waiting for a linked parent (a teen's cameo only; at most {ConsentChangeContext.MaxPendingChanges}).")
            .Resolve(ctx => ctx.Source.PendingChanges);

    public static void AddMutations(ObjectGraphType mutation)
    {
        Add(mutation, "approveCameoChange", "As a linked parent: co-signs a teen's pending grant or audience change; it takes effect now.", true);
        Add(mutation, "declineCameoChange", "As a linked parent: declines a teen's pending grant or audience change.", false);
    }

    private static void Add(ObjectGraphType mutation, string name, string description, bool approve) =>
        CameoMutation.Add<Sora.Domain.Common.CommandResult>(mutation, name, description, [CameoMutation.Required<IdGraphType>("proposalId")],
            (by, cameoId, input) => new DecideCameoChange(by, cameoId, CameoMutation.Id(input, "proposalId"), approve), r => (null, r.Refusal));
}
