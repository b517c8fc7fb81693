namespace Sora.Domain.Cameos;

/// <summary>What allowed a use.</summary>
public enum ConsentRightKind
{
    Owner,
    Grant,
    Audience,
}

/// <summary>Why a use was refused (for the requester: CONSENT_REQUIRED or CONSENT_RESTRICTED; for auditors: all of it).</summary>
public enum ConsentRefusalReason
{
    CameoNotVerified,
    CameoInactive,
    Blocked,
    RestrictionMatched,
    GrantExpired,
    GrantExhausted,
    NotMutual,
    NotGranted,
}

/// <summary>The right that allows a use, with the versions it was decided against.</summary>
public sealed record ConsentRight(ConsentRightKind Kind, Guid? GrantId, CameoAudience Audience, int AudienceVersion, int RestrictionsVersion);

public sealed record ConsentOutcome(ConsentRight? Right, ConsentRefusalReason? Refusal, string? Detail)
{
    public bool Allowed => Right is not null;
}

/// <summary>What the social graph says about owner and requester (read from the Relationship snapshot).</summary>
public sealed record SocialFacts(bool Mutual, bool OwnerBlocksRequester)
{
    public static SocialFacts Between(Social.Relationship? relationship, Guid owner, Guid requester) => new(
        Mutual: relationship is not null && relationship.Follows(owner) && relationship.Follows(requester),
        OwnerBlocksRequester: relationship?.Blocks(owner) ?? false);
}

/// <summary>
/// The one authoritative answer to "may account X use cameo C for this prompt now?". Pure: the caller loads the
/// cameo and the social facts and passes the clock. Order: the cameo must be verified and active; the owner may
/// always use it; blocks (cameo or social) refuse even under EVERYONE; the owner's restrictions apply to everyone
/// else; then a valid grant, then the audience.
/// </summary>
public static class ConsentDecision
{
    /// <summary>
    /// The decision with its inputs loaded: the social facts between owner and requester come from the Relationship
    /// snapshot. Every path (use, composer check, likeness protection) decides through this one overload.
    /// The prompt and the owner's rules are embedded here (the sentence model, for restriction matching) when rules apply.
    /// </summary>
    public static async Task<ConsentOutcome> DecideAsync(Marten.IQuerySession session, Cameo cameo, Guid requester, string prompt,
        Text.IPromptEmbedder embedder, DateTimeOffset now, CancellationToken ct)
    {
        var relationship = requester == cameo.OwnerId
            ? null
            : await session.LoadAsync<Social.Relationship>(Social.Relationship.IdFor(cameo.OwnerId, requester), ct);
        // The owner's own uses are never matched against their rules: no need to run the model for them.
        var semantics = requester == cameo.OwnerId ? null : RestrictionSemantics.Of(embedder, cameo.Restrictions, prompt);
        return Decide(cameo, requester, prompt, SocialFacts.Between(relationship, cameo.OwnerId, requester), now, semantics);
    }

    /// <param name="semantics">Sentence vectors of the prompt and the cameo's rules (<see cref="RestrictionSemantics.Of"/>);
    /// null matches restrictions lexically only.</param>
    public static ConsentOutcome Decide(Cameo cameo, Guid requester, string prompt, SocialFacts social, DateTimeOffset now,
        RestrictionSemantics? semantics)
    {
        if (cameo.Status == CameoStatus.Deleted) return No(ConsentRefusalReason.CameoInactive, "The owner deleted this cameo.");
        // The likeness in force, not the latest recording: a re-record under verification, or one that failed,
        // leaves the verified likeness (and every right over it) as it was.
        if (!cameo.LikenessInForce) return No(ConsentRefusalReason.CameoNotVerified, "The cameo is not verified.");
        if (!cameo.Active) return No(ConsentRefusalReason.CameoInactive, "The owner has deactivated this cameo.");
        if (requester == cameo.OwnerId) return Yes(cameo, ConsentRightKind.Owner, null);
        if (cameo.Blocked.Contains(requester) || social.OwnerBlocksRequester)
            return No(ConsentRefusalReason.Blocked, "You may not use this cameo.");
        if (RestrictionMatcher.Violated(cameo.Restrictions, prompt, semantics) is { } rule)
            return No(ConsentRefusalReason.RestrictionMatched, $"The owner does not allow this: \"{rule}\".");

        if (cameo.ValidGrantFor(requester, now) is { } grant) return Yes(cameo, ConsentRightKind.Grant, grant.GrantId);

        switch (cameo.Audience)
        {
            case CameoAudience.Everyone:
                return Yes(cameo, ConsentRightKind.Audience, null);
            case CameoAudience.Mutuals when social.Mutual:
                return Yes(cameo, ConsentRightKind.Audience, null);
        }

        var lapsed = cameo.Grants.Where(g => g.GranteeId == requester && !g.IsRevoked).ToList();
        if (lapsed.Any(g => g.IsExhausted)) return No(ConsentRefusalReason.GrantExhausted, "Your grant's uses are used up.");
        if (lapsed.Any(g => g.IsExpired(now))) return No(ConsentRefusalReason.GrantExpired, "Your grant has expired.");
        return cameo.Audience == CameoAudience.Mutuals
            ? No(ConsentRefusalReason.NotMutual, "Only mutual followers may use this cameo.")
            : No(ConsentRefusalReason.NotGranted, "The owner has not allowed you to use this cameo.");
    }

    private static ConsentOutcome Yes(Cameo c, ConsentRightKind kind, Guid? grant) =>
        new(new ConsentRight(kind, grant, c.Audience, c.AudienceVersion, c.RestrictionsVersion), null, null);

    private static ConsentOutcome No(ConsentRefusalReason reason, string detail) => new(null, reason, detail);
}
