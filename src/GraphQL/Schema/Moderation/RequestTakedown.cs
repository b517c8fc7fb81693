using System.Text.Json;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Feed;
using Sora.GraphQL.Transport;
using Wolverine;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class RequestTakedownInputType : InputObjectGraphType
{
    public RequestTakedownInputType()
    {
        Name = "RequestTakedownInput";
        Description = "A takedown request. No account is needed. Your name, email and statement go only to moderators, sealed.";
        Field<IdGraphType>("videoId").Description("The video's id, or give its url.");
        Field<StringGraphType>("url").Description("A link to the video (its id is read from it).");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("email").Description("Where we answer.");
        Field<NonNullGraphType<StringGraphType>>("statement").Description($"Who you are to this video and why it must go, at most {RequestTakedownDecider.MaxStatement} characters.");
        Field<NonNullGraphType<BooleanGraphType>>("goodFaith").Description("true: you state that this request is made in good faith.");
        Field<ReportReasonType>("reason").Description("Defaults to LIKENESS_WITHOUT_CONSENT.");
    }
}

/// <summary>Where a takedown stands, as its requester sees it with the tracking token.</summary>
public sealed record TakedownStatusView(CaseStatus Status, DateTimeOffset RequestedAt, DateTimeOffset DueAt, DateTimeOffset? CounterNoticeAt,
    bool? CounterNoticeUpheld);

public sealed class TakedownStatusType : ObjectGraphType<TakedownStatusView>
{
    public TakedownStatusType()
    {
        Name = "TakedownStatus";
        Field<NonNullGraphType<CaseStatusType>>("status").Description("OPEN until a moderator acts; REMOVED when the video is down.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.RequestedAt);
        Field(x => x.DueAt).Description("The 48-hour deadline for acting on it.");
        Field(x => x.CounterNoticeAt, nullable: true).Description("When the video's author answered with a counter-notice; a second moderator decides it.");
        Field(x => x.CounterNoticeUpheld, nullable: true)
            .Description("How the counter-notice was decided: true, the video went back up (status RESTORED); false, the removal stands.");
    }
}

public sealed record TakedownOutcome(string? TrackingToken, TakedownStatusView? Takedown, IReadOnlyList<Refusal> Errors);

public sealed class RequestTakedownPayloadType : ObjectGraphType<TakedownOutcome>
{
    public RequestTakedownPayloadType()
    {
        Name = "RequestTakedownPayload";
        Field(x => x.TrackingToken, nullable: true).Description("Keep it: takedownStatus(token) tells you where the request stands. It is shown once.");
        Field<TakedownStatusType>("takedown").Resolve(ctx => ctx.Source.Takedown);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>
/// Takedown requests from anyone: the <c>requestTakedown</c> mutation and <c>POST /takedown</c> (a JSON form), both
/// limited per client address, and <c>takedownStatus(token)</c> to follow one.
/// </summary>
public static partial class TakedownRequests
{
    private const int MaxBodyBytes = 16 * 1024;

    public static void Add(ObjectGraphType mutation, ObjectGraphType query)
    {
        mutation.Field<NonNullGraphType<RequestTakedownPayloadType>>("requestTakedown")
            .Description("Asks for a video to be taken down; no account is needed. A moderator acts within 48 hours. Limited per client address (RATE_LIMITED).")
            .Argument<NonNullGraphType<RequestTakedownInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var http = ctx.RequestServices!.GetService<IHttpContextAccessor>()?.HttpContext;
                if (Throttled(ctx.RequestServices!, http) is { } wait) throw SoraError.RateLimited(wait);
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var command = Command(input.GetValueOrDefault("videoId")?.ToString(), input.GetValueOrDefault("url") as string, (string)input["name"]!,
                    (string)input["email"]!, (string)input["statement"]!, (bool)input["goodFaith"]!, input.GetValueOrDefault("reason") as ReportReason?);
                if (command is null) return new TakedownOutcome(null, null, [new Refusal(ErrorCodes.BadUserInput, "Name the video by its id or a link to it.", "videoId")]);
                var result = await ctx.SendAsync<TakedownResult>(command);
                var errors = Refusals.ToUserErrors(result.Refusal);
                return new TakedownOutcome(result.TrackingToken, result.Id is { } id ? await StatusAsync(ctx.Service<IDocumentStore>(), id, ctx.CancellationToken) : null, errors);
            });

        query.Field<NonNullGraphType<TakedownStatusType>>("takedownStatus").Description("Where a takedown request stands. Anyone with its tracking token.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async ctx =>
            {
                var token = ctx.GetArgument<string>("token");
                if (token.Length is 0 or > 100) throw SoraError.NotFound("The takedown request");
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var hash = RequestTakedownHandler.HashOf(token);
                var record = await session.Query<TakedownRecord>().FirstOrDefaultAsync(t => t.TokenSha256 == hash, ctx.CancellationToken)
                             ?? throw SoraError.NotFound("The takedown request");
                return await StatusOfAsync(session, record, ctx.CancellationToken);
            });
    }

    /// <summary>POST /takedown: the same request as a JSON form, for a web page without GraphQL. 201 { trackingToken, status, dueAt }.</summary>
    public static async Task<IResult> HandleAsync(HttpContext http, IMessageContext bus, IDocumentStore store, CancellationToken ct)
    {
        if (Throttled(http.RequestServices, http) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
            return JsonErrors.Error(StatusCodes.Status429TooManyRequests, "RATE_LIMITED", "Too many requests from here; try again later.");
        }
        if (http.Request.ContentLength > MaxBodyBytes) return JsonErrors.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BadUserInput, "The form is too large.");
        BodyLimit.Allow(http, MaxBodyBytes);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(new LimitedStream(http.Request.Body, MaxBodyBytes), cancellationToken: ct);
        }
        catch (Exception e) when (e is JsonException || BodyLimit.IsTooLarge(e))
        {
            return JsonErrors.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "The body is not a JSON object of at most 16 KiB.");
        }
        using var _ = document;
        var form = document.RootElement;
        if (form.ValueKind != JsonValueKind.Object) return JsonErrors.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "The body is not a JSON object.");
        string? Text(string name) => form.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        ReportReason? reason = Text("reason") is { } r && Enum.TryParse<ReportReason>(r.Replace("_", ""), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        if (Text("reason") is not null && reason is null) return JsonErrors.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "Unknown reason.");
        var goodFaith = form.TryGetProperty("goodFaith", out var g) && g.ValueKind == JsonValueKind.True;
        var command = Command(Text("videoId"), Text("url"), Text("name") ?? "", Text("email") ?? "", Text("statement") ?? "", goodFaith, reason);
        if (command is null) return JsonErrors.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "Name the video by its id or a link to it.");

        bus.CorrelationId = http.TraceIdentifier;
        var result = await bus.InvokeAsync<TakedownResult>(command, ct);
        if (result.Refusal is { } refusal)
            return JsonErrors.Error(refusal.Code == ErrorCodes.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, refusal.Code, refusal.Message);
        var status = await StatusAsync(store, result.Id!.Value, ct);
        return Results.Json(new { trackingToken = result.TrackingToken, status = status?.Status.ToString().ToUpperInvariant(), dueAt = status?.DueAt },
            statusCode: StatusCodes.Status201Created);
    }

    private static TimeSpan? Throttled(IServiceProvider services, HttpContext? http) =>
        services.GetRequiredService<CredentialThrottle>().TakedownByAddress(services.GetService<ClientRegion>()?.ClientAddress(http));

    /// <summary>The command, with the video's id from the id or from the link; null when neither names one.</summary>
    private static RequestTakedown? Command(string? videoId, string? url, string name, string email, string statement, bool goodFaith, ReportReason? reason)
    {
        Guid? id = Guid.TryParse(videoId, out var direct) ? direct
            : url is { Length: <= 2000 } && AnId().Match(url) is { Success: true } match ? Guid.Parse(match.Value) : null;
        return id is { } video ? new RequestTakedown(video, name, email, statement, goodFaith, reason ?? ReportReason.LikenessWithoutConsent) : null;
    }

    private static async Task<TakedownStatusView?> StatusAsync(IDocumentStore store, Guid takedownId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await StatusOfAsync(session, await session.LoadAsync<TakedownRecord>(takedownId, ct), ct);
    }

    private static async Task<TakedownStatusView?> StatusOfAsync(IQuerySession session, TakedownRecord? record, CancellationToken ct) =>
        record is not null && await session.LoadAsync<ModerationCase>(record.CaseId, ct) is { } @case
            ? new TakedownStatusView(@case.Status, record.At, @case.DueAt, @case.CounterNoticeFiledAt,
                @case.CounterNoticeFiledAt is null || @case.AppealUpheld is not { } upheld ? null : !upheld)
            : null;

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex AnId();
}
