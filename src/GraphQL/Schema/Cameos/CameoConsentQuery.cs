using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

/// <summary>The answer to "may I use this cameo for that prompt now": the right that allows it, or the refusal.</summary>
public sealed record ConsentAnswer(Guid CameoId, ConsentRight? Right, IReadOnlyList<Refusal> Errors);

public sealed class ConsentAnswerType : ObjectGraphType<ConsentAnswer>
{
    public ConsentAnswerType()
    {
        Name = "CameoConsent";
        Description = "Whether you may use this cameo for that prompt now: the right that allows it, or the refusal in errors " +
                      "(CONSENT_REQUIRED or CONSENT_RESTRICTED, as requestGeneration would answer it).";
        Field<NonNullGraphType<IdGraphType>>("cameoId").Resolve(ctx => ctx.Source.CameoId);
        Field<NonNullGraphType<BooleanGraphType>>("allowed").Resolve(ctx => ctx.Source.Right is not null);
        Field<ConsentRightKindType>("right").Description("Null when refused.").Resolve(ctx => ctx.Source.Right?.Kind);
        Field<IdGraphType>("grantId").Resolve(ctx => ctx.Source.Right?.GrantId);
        Field<CameoAudienceType>("audience").Description("Null when refused.").Resolve(ctx => ctx.Source.Right?.Audience);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Why you may not (field prompt), the same user error requestGeneration gives; empty when allowed.")
            .Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>
/// "May I put @handle in this video?" The same decision generation makes, without recording a use: for the
/// composer to warn before the request. A refusal is a user error (CONSENT_REQUIRED or CONSENT_RESTRICTED, field
/// prompt) in the answer, the channel requestGeneration and publishVideo use for the same codes; a handle without a
/// verified cameo is NOT_FOUND.
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
                    ctx.Service<Sora.Domain.Text.IPromptEmbedder>(), ctx.Service<TimeProvider>().GetUtcNow(), ctx.CancellationToken);
                if (outcome.Right is { } right) return new ConsentAnswer(cameo.Id, right, []);
                var code = outcome.Refusal == ConsentRefusalReason.RestrictionMatched ? RecordCameoUseDecider.ConsentRestricted : RecordCameoUseDecider.ConsentRequired;
                return new ConsentAnswer(cameo.Id, null, [new Refusal(code, outcome.Detail!, "prompt")]);
            });
}
