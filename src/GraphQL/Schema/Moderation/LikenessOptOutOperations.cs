using System.Security.Cryptography;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.Options;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Schema.Cameos;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Feed;
using Sora.GraphQL.Transport;
using Wolverine;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class OptOutStatusType : EnumerationGraphType<OptOutStatus>
{
    public OptOutStatusType() => Name = "OptOutStatus";
}

/// <summary>An opt-out as the person who registered it sees it, with the management token.</summary>
public sealed class LikenessOptOutType : ObjectGraphType<LikenessOptOut>
{
    public LikenessOptOutType()
    {
        Name = "LikenessOptOut";
        Description = "\"Never use my likeness\", registered without an account. While IN_FORCE, every video request that shows this face is refused.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<OptOutStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.InForce).Description("The face is protected now (also while a re-recording is verifying or after one failed).");
        Field(x => x.FailureReason, nullable: true).Description(
            "Why the last recording was refused: the cameo checks (UNREADABLE_MEDIA, TOO_SHORT, NO_FACE, MULTIPLE_FACES, IDENTITY_CHANGED, " +
            "NO_LIVENESS_MOTION, NO_SPEECH), or LIKENESS_ALREADY_CLAIMED (the face is an account's verified likeness: an opt-out never overrides it).");
        Field(x => x.Phrase).Description("What to read aloud in the recording.");
        Field(x => x.Attempts);
        Field(x => x.VerifiedAt, nullable: true);
        Field(x => x.CreatedAt);
        Field(x => x.UpdatedAt);
    }
}

public sealed record OptOutStart(LikenessOptOut? OptOut, string? ManagementToken, RecordingUploadInfo? Upload, IReadOnlyList<Refusal> Errors);

public sealed class StartLikenessOptOutPayloadType : ObjectGraphType<OptOutStart>
{
    public StartLikenessOptOutPayloadType()
    {
        Name = "StartLikenessOptOutPayload";
        Field(x => x.ManagementToken, nullable: true).Description(
            "Keep it: it is the only way to see, re-record or withdraw this opt-out. Shown once; we keep only its hash.");
        Field<LikenessOptOutType>("optOut").Resolve(ctx => ctx.Source.OptOut);
        Field<RecordingUploadType>("upload").Description("PUT the recording there, with the header X-Opt-Out-Token: <managementToken>.")
            .Resolve(ctx => ctx.Source.Upload);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("instructions").Resolve(_ => LikenessOptOutOperations.Instructions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed record OptOutOutcome(LikenessOptOut? OptOut, IReadOnlyList<Refusal> Errors);

public sealed class WithdrawLikenessOptOutPayloadType : ObjectGraphType<OptOutOutcome>
{
    public WithdrawLikenessOptOutPayloadType()
    {
        Name = "WithdrawLikenessOptOutPayload";
        Field<LikenessOptOutType>("optOut").Resolve(ctx => ctx.Source.OptOut);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>
/// Opt-outs for people without an account: <c>startLikenessOptOut</c> and <c>POST /optouts</c> (a token and an upload
/// URL), <c>PUT /optouts/{id}/recording</c> (the same limits and checks as a cameo recording), <c>likenessOptOut(token)</c>
/// and <c>withdrawLikenessOptOut</c>. Starting and uploading are limited per client address.
/// </summary>
public static class LikenessOptOutOperations
{
    public const string TokenHeader = "X-Opt-Out-Token";

    public static readonly string[] Instructions =
    [
        "Record a short selfie video (MP4 or WebM), alone, your face clearly visible.",
        "Read the phrase aloud and turn your head a little, as for a cameo: it proves a live person made it.",
        "Upload it with the management token. Only a face template is kept, sealed; the recording is deleted once checked.",
    ];

    public static void Add(ObjectGraphType mutation, ObjectGraphType query)
    {
        var start = new InputObjectGraphType { Name = "StartLikenessOptOutInput" };
        start.Field<NonNullGraphType<BooleanGraphType>>("neverUseMyLikeness").Description("true: you ask that your likeness never be used in a video here.");
        mutation.Field<NonNullGraphType<StartLikenessOptOutPayloadType>>("startLikenessOptOut")
            .Description("Registers \"never use my likeness\"; no account is needed. Answers a management token and where to upload the recording. Limited per client address (RATE_LIMITED).")
            .Arguments(new QueryArgument(new NonNullGraphType(start)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var http = ctx.RequestServices!.GetService<IHttpContextAccessor>()?.HttpContext;
                if (Throttled(ctx.RequestServices!, http) is { } wait) throw SoraError.RateLimited(wait);
                var values = ctx.GetArgument<Dictionary<string, object?>>("input");
                var result = await ctx.SendAsync<OptOutResult>(new StartLikenessOptOut((bool)values["neverUseMyLikeness"]!));
                var errors = Refusals.ToUserErrors(result.Refusal);
                if (result.Id is not { } id) return new OptOutStart(null, null, null, errors);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new OptOutStart(await session.LoadAsync<LikenessOptOut>(id, ctx.CancellationToken), result.ManagementToken,
                    Upload(ctx.Service<IOptions<SoraOptions>>().Value, id), errors);
            });

        var withdraw = new InputObjectGraphType { Name = "WithdrawLikenessOptOutInput" };
        withdraw.Field<NonNullGraphType<StringGraphType>>("token").Description("The management token.");
        mutation.Field<NonNullGraphType<WithdrawLikenessOptOutPayloadType>>("withdrawLikenessOptOut")
            .Description("Withdraws an opt-out: its face template is destroyed and the face is no longer refused. Anyone with its management token.")
            .Arguments(new QueryArgument(new NonNullGraphType(withdraw)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var token = (string)ctx.GetArgument<Dictionary<string, object?>>("input")["token"]!;
                var result = await ctx.SendAsync<CommandResult>(new WithdrawLikenessOptOut(token));
                var errors = Refusals.ToUserErrors(result.Refusal);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new OptOutOutcome(result.Id is { } id ? await session.LoadAsync<LikenessOptOut>(id, ctx.CancellationToken) : null, errors);
            });

        query.Field<NonNullGraphType<LikenessOptOutType>>("likenessOptOut").Description("Where an opt-out stands. Anyone with its management token.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await Domain.Moderation.LikenessOptOuts.ByTokenAsync(session, ctx.GetArgument<string>("token"), ctx.CancellationToken)
                       ?? throw SoraError.NotFound("The opt-out");
            });
    }

    private static RecordingUploadInfo Upload(SoraOptions options, Guid id) =>
        new($"/optouts/{id}/recording", "PUT", options.Cameos.MaxRecordingBytes, ["video/mp4", "video/webm"]);

    /// <summary>POST /optouts: the same start as a JSON form <c>{ "neverUseMyLikeness": true }</c>. 201 { optOutId, managementToken, phrase, upload }.</summary>
    public static async Task<IResult> StartAsync(HttpContext http, IMessageContext bus, IDocumentStore store, IOptions<SoraOptions> options, CancellationToken ct)
    {
        if (Throttled(http.RequestServices, http) is { } wait) return RateLimited(http, wait);
        const int maxBody = 1024;
        if (http.Request.ContentLength > maxBody) return JsonErrors.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BadUserInput, "The form is too large.");
        BodyLimit.Allow(http, maxBody);
        bool confirmed;
        try
        {
            using var document = await JsonDocument.ParseAsync(new LimitedStream(http.Request.Body, maxBody), cancellationToken: ct);
            confirmed = document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty("neverUseMyLikeness", out var v) && v.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is JsonException || BodyLimit.IsTooLarge(e))
        {
            return JsonErrors.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "The body is not a JSON object of at most 1 KiB.");
        }
        bus.CorrelationId = http.TraceIdentifier;
        var result = await bus.InvokeAsync<OptOutResult>(new StartLikenessOptOut(confirmed), ct);
        if (result.Refusal is { } refusal) return JsonErrors.Error(StatusCodes.Status400BadRequest, refusal.Code, refusal.Message);
        await using var session = store.QuerySession();
        var optOut = await session.LoadAsync<LikenessOptOut>(result.Id!.Value, ct);
        return Results.Json(new { optOutId = optOut!.Id, managementToken = result.ManagementToken, phrase = optOut.Phrase, upload = Upload(options.Value, optOut.Id) },
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// PUT /optouts/{optOutId}/recording with <c>X-Opt-Out-Token</c>: the same size limit, ffprobe checks and answers as
    /// a cameo recording (202 VERIFYING; 400, 404, 409, 413, 415, 429).
    /// </summary>
    public static async Task<IResult> UploadAsync(string optOutId, HttpContext http, IOptions<SoraOptions> options, IMessageContext bus, CancellationToken ct)
    {
        var token = http.Request.Headers[TokenHeader].ToString();
        if (!Guid.TryParse(optOutId, out var id) || token.Length is 0 or > 100)
            return JsonErrors.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such opt-out for this token.");
        if (Throttled(http.RequestServices, http) is { } wait) return RateLimited(http, wait);
        var max = options.Value.Cameos.MaxRecordingBytes;
        if (http.Request.ContentLength > max) return TooLarge(max);
        BodyLimit.Allow(http, max);
        byte[] recording;
        try
        {
            await using var limited = new LimitedStream(http.Request.Body, max);
            using var buffer = new MemoryStream();
            await limited.CopyToAsync(buffer, ct);
            recording = buffer.ToArray();
        }
        catch (Exception e) when (BodyLimit.IsTooLarge(e))
        {
            return TooLarge(max);
        }
        if (recording.Length == 0) return JsonErrors.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "The body is empty.");
        if (await RecordingUpload.ProbeAsync(recording, ct) is { } problem) return JsonErrors.Error(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA", problem);

        bus.CorrelationId = http.TraceIdentifier;
        var result = await bus.InvokeAsync<CommandResult>(new SubmitOptOutRecording(id, token, recording, Convert.ToHexStringLower(SHA256.HashData(recording))), ct);
        return result.Refusal switch
        {
            { Code: ErrorCodes.NotFound } r => JsonErrors.Error(StatusCodes.Status404NotFound, r.Code, r.Message),
            { } r => JsonErrors.Error(StatusCodes.Status409Conflict, r.Code, r.Message),
            null => Results.Json(new { optOutId = id, status = "VERIFYING" }, statusCode: StatusCodes.Status202Accepted),
        };
    }

    private static IResult TooLarge(long max) =>
        JsonErrors.Error(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"Recordings are limited to {max / (1024 * 1024)} MB.");

    private static IResult RateLimited(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
        return JsonErrors.Error(StatusCodes.Status429TooManyRequests, "RATE_LIMITED", "Too many requests from here; try again later.");
    }

    private static TimeSpan? Throttled(IServiceProvider services, HttpContext? http) =>
        services.GetRequiredService<CredentialThrottle>().OptOutByAddress(services.GetService<ClientRegion>()?.ClientAddress(http));
}
