using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.Domain.Privacy;
using Sora.GraphQL.Media;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Cameos;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class DisputeHolderType : EnumerationGraphType<DisputeHolder>
{
    public DisputeHolderType() => Name = "DisputeHolder";
}

/// <summary>A short-lived signed link to one sealed recording (or, for a likeness verified before recordings were kept, its face crop).</summary>
public sealed record EvidenceLink(string Url, DateTimeOffset ExpiresAt);

public sealed record DisputeEvidenceView(Guid AccessId, Guid DisputeId, EvidenceLink Incumbent, EvidenceLink Claimant);

public sealed class EvidenceLinkType : ObjectGraphType<EvidenceLink>
{
    public EvidenceLinkType()
    {
        Name = "EvidenceLink";
        Field(x => x.Url).Description("GET it with no token: the link is signed for you alone, and the right to open it is checked again on each request.");
        Field(x => x.ExpiresAt);
    }
}

public sealed class DisputeEvidenceType : ObjectGraphType<DisputeEvidenceView>
{
    public DisputeEvidenceType()
    {
        Name = "DisputeEvidence";
        Field<NonNullGraphType<IdGraphType>>("accessId").Description("This access, as auditors see it.").Resolve(ctx => ctx.Source.AccessId);
        Field<NonNullGraphType<IdGraphType>>("disputeId").Resolve(ctx => ctx.Source.DisputeId);
        Field<NonNullGraphType<EvidenceLinkType>>("incumbentRecording").Description("The recording the verified likeness was made from.")
            .Resolve(ctx => ctx.Source.Incumbent);
        Field<NonNullGraphType<EvidenceLinkType>>("claimantRecording").Description("The refused recording, kept sealed until the dispute is resolved.")
            .Resolve(ctx => ctx.Source.Claimant);
    }
}

public sealed record DisputeEvidenceOutcome(DisputeEvidenceView? Evidence, IReadOnlyList<Refusal> Errors);

public sealed class OpenLikenessDisputeEvidencePayloadType : ObjectGraphType<DisputeEvidenceOutcome>
{
    public OpenLikenessDisputeEvidencePayloadType()
    {
        Name = "OpenLikenessDisputeEvidencePayload";
        Field<DisputeEvidenceType>("evidence").Resolve(ctx => ctx.Source.Evidence);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed record DisputeOutcome(LikenessDispute? Dispute, IReadOnlyList<Refusal> Errors);

public sealed class ResolveLikenessDisputePayloadType : ObjectGraphType<DisputeOutcome>
{
    public ResolveLikenessDisputePayloadType()
    {
        Name = "ResolveLikenessDisputePayload";
        Field<LikenessDisputeType>("dispute").Resolve(ctx => ctx.Source.Dispute);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>One opening of a dispute's evidence, with the moderator's reason (auditors and admins).</summary>
public sealed record EvidenceAccessView(DisputeEvidenceAccess Access, string? Reason);

public sealed class DisputeEvidenceAccessType : ObjectGraphType<EvidenceAccessView>
{
    public DisputeEvidenceAccessType()
    {
        Name = "DisputeEvidenceAccess";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Access.Id);
        Field<NonNullGraphType<IdGraphType>>("disputeId").Resolve(ctx => ctx.Source.Access.DisputeId);
        Field<AccountType>("moderator").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.Access.ModeratorId));
        Field<NonNullGraphType<IdGraphType>>("moderatorId").Resolve(ctx => ctx.Source.Access.ModeratorId);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => ctx.Source.Access.At);
        Field(x => x.Reason, nullable: true).Description("Why the moderator opened it (null once the moderator's data was forgotten).");
    }
}

public sealed class DisputeEvidenceAccessEdgeType() : EdgeType<DisputeEvidenceAccessType, EvidenceAccessView>("DisputeEvidenceAccessEdge");

public sealed class DisputeEvidenceAccessConnectionType() : ConnectionType<DisputeEvidenceAccessEdgeType, EvidenceAccessView>("DisputeEvidenceAccessConnection");

/// <summary>
/// The moderator flow for likeness disputes: <c>openLikenessDisputeEvidence</c> (a sealed, audited access answering
/// two short-lived signed links), <c>resolveLikenessDispute</c>, and <c>likenessDisputeEvidenceAccesses</c> for auditors.
/// </summary>
public static class LikenessDisputeActions
{
    /// <summary>Long enough to watch two short recordings; a fresh access (with its reason) for anything later.</summary>
    public static readonly TimeSpan EvidenceLinkLifetime = TimeSpan.FromMinutes(5);

    public static void Add(ObjectGraphType mutation, ObjectGraphType query)
    {
        var open = new InputObjectGraphType { Name = "OpenLikenessDisputeEvidenceInput" };
        open.Field<NonNullGraphType<IdGraphType>>("disputeId");
        open.Field<NonNullGraphType<StringGraphType>>("reason").Description($"Why you open it (required, at most {LikenessDisputes.MaxReason} characters); auditors read it.");
        mutation.Field<NonNullGraphType<OpenLikenessDisputeEvidencePayloadType>>("openLikenessDisputeEvidence")
            .Description("Opens both recordings of an open dispute, as signed links valid for 5 minutes. Recorded for auditors. Moderators and admins who are not a party.")
            .Arguments(new QueryArgument(new NonNullGraphType(open)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var values = ctx.GetArgument<Dictionary<string, object?>>("input");
                var disputeId = ResolveContextExtensions.ParseId(values["disputeId"]?.ToString(), "disputeId");
                var actor = ctx.RequireActor();
                var result = await ctx.SendAsync<CommandResult>(new OpenDisputeEvidence(actor, disputeId, (string)values["reason"]!));
                var errors = Refusals.ToUserErrors(result.Refusal);
                if (result.Id is not { } accessId) return new DisputeEvidenceOutcome(null, errors);
                var urls = ctx.Service<MediaUrls>();
                EvidenceLink Link(string side)
                {
                    var (url, expires) = urls.ForAccount($"/disputes/{disputeId}/evidence/{side}", DisputeEvidenceDownload.SignedId(disputeId, side),
                        actor.AccountId, EvidenceLinkLifetime);
                    return new EvidenceLink(url, expires);
                }
                return new DisputeEvidenceOutcome(new DisputeEvidenceView(accessId, disputeId, Link("incumbent"), Link("claimant")), errors);
            });

        var resolve = new InputObjectGraphType { Name = "ResolveLikenessDisputeInput" };
        resolve.Field<NonNullGraphType<IdGraphType>>("disputeId");
        resolve.Field<NonNullGraphType<DisputeHolderType>>("holder").Description("INCUMBENT keeps the verified likeness; CLAIMANT is awarded it.");
        resolve.Field<NonNullGraphType<StringGraphType>>("reason").Description($"Why (required, at most {LikenessDisputes.MaxReason} characters); sealed, for auditors.");
        mutation.Field<NonNullGraphType<ResolveLikenessDisputePayloadType>>("resolveLikenessDispute")
            .Description("Decides which account holds a disputed likeness; the losing template is destroyed at once. Moderators and admins who are not a party.")
            .Arguments(new QueryArgument(new NonNullGraphType(resolve)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var values = ctx.GetArgument<Dictionary<string, object?>>("input");
                var disputeId = ResolveContextExtensions.ParseId(values["disputeId"]?.ToString(), "disputeId");
                var result = await ctx.SendAsync<CommandResult>(new ResolveLikenessDispute(ctx.RequireActor(), disputeId, (DisputeHolder)values["holder"]!,
                    (string)values["reason"]!));
                var errors = Refusals.ToUserErrors(result.Refusal);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new DisputeOutcome(await session.LoadAsync<LikenessDispute>(disputeId, ctx.CancellationToken), errors);
            });

        var accesses = query.Field<NonNullGraphType<DisputeEvidenceAccessConnectionType>>("likenessDisputeEvidenceAccesses")
            .Description("Who opened a dispute's evidence, when and why, newest first. Auditors and admins.")
            .Argument<NonNullGraphType<IdGraphType>>("disputeId");
        accesses.AddPagingArguments();
        accesses.ResolveAsync(async ctx =>
        {
            var actor = ctx.RequireActor();
            if (!actor.IsAdmin && !actor.Has(AccountRole.Auditor)) throw SoraError.Forbidden("Only auditors and admins read evidence accesses.");
            var disputeId = ctx.IdArgument("disputeId");
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var before = Paging.Decode(ctx.GetArgument<string?>("after")) ?? long.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var rows = await session.Query<DisputeEvidenceAccess>().Where(a => a.DisputeId == disputeId && a.Seq < before)
                .OrderByDescending(a => a.Seq).Take(first + 1).ToListAsync(ctx.CancellationToken);
            var reasons = await ctx.Service<PersonalDataVault>().OpenManyAsync<string>(session, rows.Select(r => r.Id).ToArray(),
                LikenessDisputes.AccessReasonKind, ctx.CancellationToken);
            return Connection<EvidenceAccessView>.From(rows, first, before != long.MaxValue, a => a.Seq,
                a => new EvidenceAccessView(a, reasons.GetValueOrDefault(a.Id)), a => a.At);
        });
    }
}
