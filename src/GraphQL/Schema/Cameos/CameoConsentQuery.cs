using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
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
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var (_, cameo) = await Likenesses.OfHandleAsync(session, ctx.GetArgument<string>("handle"), ctx.CancellationToken);
                if (cameo is null) throw SoraError.NotFound($"A verified cameo of @{Handles.Normalize(ctx.GetArgument<string>("handle"))}");
                var outcome = await ConsentDecision.DecideAsync(session, cameo, viewer, ctx.GetArgument<string>("prompt"),
                    ctx.Service<TimeProvider>().GetUtcNow(), ctx.CancellationToken);
                if (outcome.Right is { } right) return new ConsentAnswer(cameo.Id, right);
                throw new SoraError(outcome.Refusal == ConsentRefusalReason.RestrictionMatched
                    ? RecordCameoUseDecider.ConsentRestricted : RecordCameoUseDecider.ConsentRequired, outcome.Detail!);
            });
}
