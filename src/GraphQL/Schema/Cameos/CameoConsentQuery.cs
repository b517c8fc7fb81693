using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Social;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

public sealed record ConsentAnswer(Guid CameoId, ConsentRight Right);

public sealed class ConsentAnswerType : ObjectGraphType<ConsentAnswer>
{
    public ConsentAnswerType()
    {
        Name = "CameoConsent";
        Description = "You may use this cameo for that prompt now, and which right allows it.";
        Field<NonNullGraphType<IdGraphType>>("cameoId").Resolve(ctx => ctx.Source.CameoId);
        Field<NonNullGraphType<ConsentRightKindType>>("right").Resolve(ctx => ctx.Source.Right.Kind);
        Field<IdGraphType>("grantId").Resolve(ctx => ctx.Source.Right.GrantId);
        Field<NonNullGraphType<CameoAudienceType>>("audience").Resolve(ctx => ctx.Source.Right.Audience);
    }
}

/// <summary>
/// "May I put @handle in this video?" The same decision generation makes, without recording a use: for the
/// composer to warn before the request. A refusal is an error with extensions.code CONSENT_REQUIRED or
/// CONSENT_RESTRICTED; a handle without a verified cameo is NOT_FOUND.
/// </summary>
public static class CameoConsentQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConsentAnswerType>>("cameoConsent")
            .Argument<NonNullGraphType<StringGraphType>>("handle")
            .Argument<NonNullGraphType<StringGraphType>>("prompt")
            .ResolveAsync(async ctx =>
            {
                var viewer = ctx.RequireActor().AccountId;
                var handle = Handles.Normalize(ctx.GetArgument<string>("handle"));
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var claim = await session.LoadAsync<HandleClaim>(handle, ctx.CancellationToken);
                var cameo = claim is null
                    ? null
                    : (await session.Query<Cameo>().Where(c => c.OwnerId == claim.AccountId && c.Status == CameoStatus.Verified)
                        .OrderByDescending(c => c.UpdatedAt).Take(1).ToListAsync(ctx.CancellationToken)).FirstOrDefault();
                if (cameo is null) throw SoraError.NotFound($"A verified cameo of @{handle}");

                var relationship = await session.LoadAsync<Relationship>(Relationship.IdFor(cameo.OwnerId, viewer), ctx.CancellationToken);
                var outcome = ConsentDecision.Decide(cameo, viewer, ctx.GetArgument<string>("prompt"),
                    SocialFacts.Between(relationship, cameo.OwnerId, viewer), ctx.Service<TimeProvider>().GetUtcNow());
                if (outcome.Right is { } right) return new ConsentAnswer(cameo.Id, right);
                throw new SoraError(outcome.Refusal == ConsentRefusalReason.RestrictionMatched
                    ? RecordCameoUseHandler.ConsentRestricted : RecordCameoUseHandler.ConsentRequired, outcome.Detail!);
            });
}
