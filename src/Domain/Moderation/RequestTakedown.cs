using System.Security.Cryptography;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>
/// A takedown request from anyone, account or not: the video, who asks (name and email, to hear back), their statement,
/// and their declaration that it is made in good faith.
/// </summary>
public sealed record RequestTakedown(Guid VideoId, string Name, string Email, string Statement, bool GoodFaith, ReportReason Reason);

/// <summary>A takedown request was received: a case with the 48-hour deadline, whatever the reason. Who asked is in the
/// vault under <paramref name="TakedownId"/>, never in the event.</summary>
public sealed record TakedownFiled(Guid TakedownId, Guid CaseId, Guid VideoId, Guid? AuthorId, ReportReason Reason, DateTimeOffset At);

/// <summary>The request's answer: the tracking token (shown once; only its hash is kept), or why not.</summary>
public sealed record TakedownResult(Guid? Id, string? TrackingToken, Refusal? Refusal) : CommandResult(Id, Refusal);

/// <summary>A takedown by its tracking token's hash: how the requester follows it without an account.</summary>
public sealed class TakedownRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid VideoId { get; set; }
    public string TokenSha256 { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>What the requester told us, sealed under the takedown (crypto-shredded with it).</summary>
public sealed record TakedownContact(string Name, string Email, string Statement);

public static class RequestTakedownDecider
{
    public const int MaxStatement = 2000;

    public static Decision<object> Decide(RequestTakedown command, Generation? video, Guid takedownId, DateTimeOffset now)
    {
        if (!command.GoodFaith)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Declare that the request is made in good faith.", "goodFaith");
        if (command.Name.Trim().Length is 0 or > 200) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Give your name (at most 200 characters).", "name");
        var email = command.Email.Trim();
        if (email.Length is < 3 or > 254 || email.IndexOf('@') is <= 0 || email.IndexOf('@') == email.Length - 1 || email.Any(char.IsWhiteSpace))
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Give an email address we can answer.", "email");
        if (command.Statement.Trim().Length is 0 or > MaxStatement)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"Say why, in at most {MaxStatement} characters.", "statement");
        if (video is not { VideoMediaId: not null }) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such video.", "videoId");
        return Decision<object>.Accept(new TakedownFiled(takedownId, ModerationCase.IdFor(ReportTarget.Video, video.Id), video.Id, video.RequesterId,
            command.Reason, now));
    }
}

public static class RequestTakedownHandler
{
    public const string ContactKind = "takedown-contact";

    public static async Task<TakedownResult> Handle(RequestTakedown command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var decision = RequestTakedownDecider.Decide(command, await session.LoadAsync<Generation>(command.VideoId, ct), id, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new TakedownResult(null, null, refusal);
        var filed = (TakedownFiled)decision.Events[0];
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var stream = await session.Events.FetchForWriting<ModerationCase>(filed.CaseId, ct);
        stream.AppendOne(filed);
        session.Store(new TakedownRecord { Id = id, CaseId = filed.CaseId, VideoId = filed.VideoId, TokenSha256 = HashOf(token), At = filed.At });
        await vault.SealAsync(session, id, ContactKind, new TakedownContact(command.Name.Trim(), command.Email.Trim(), command.Statement.Trim()), ct);
        await session.SaveChangesAsync(ct);
        return new TakedownResult(id, token, null);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
