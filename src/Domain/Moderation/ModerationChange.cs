namespace Sora.Domain.Moderation;

/// <summary>What happened to a case, as the queue subscription and a reporter's notification say it.</summary>
public enum ModerationChange
{
    Reported,
    TakedownFiled,
    AppealFiled,
    Removed,
    Restored,
    Dismissed,
    AppealUpheld,
    AppealOverturned,
    /// <summary>The author was struck, suspended or banned on the case.</summary>
    AuthorActioned,
    /// <summary>The case's video was labelled.</summary>
    Labelled,
    /// <summary>The case's video was age-restricted.</summary>
    AgeRestricted,
    /// <summary>A copy of removed content was refused and opened (or added to) this case.</summary>
    StaydownMatched,
    /// <summary>A prompt review was asked for, or the reviewed prompt was allowed.</summary>
    PromptReviewRequested,
    PromptAllowed,
}
